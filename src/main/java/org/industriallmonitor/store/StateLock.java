package org.industriallmonitor.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The lock that makes one monitor process the owner of a state folder: {@code monitor.lock}
 * beside the database, held with an OS file lock (released by the OS if the process dies) and
 * holding the owner's pid for messages.
 */
public final class StateLock implements AutoCloseable {
  public static final String FILE_NAME = "monitor.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of the state folder that holds {@code database}. */
  public static Path fileFor(Path database) {
    return database.toAbsolutePath().getParent().resolve(FILE_NAME);
  }

  /**
   * Takes the lock, or returns empty when another process holds it.
   *
   * @throws UnwritableFolderException when the state folder cannot be written (permissions, read-only)
   */
  public static Optional<StateLock> tryAcquire(Path lockFile) throws IOException {
    FileChannel channel;
    try {
      Files.createDirectories(lockFile.toAbsolutePath().getParent());
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (FileSystemException e) {
      throw UnwritableFolderException.of(lockFile.toAbsolutePath().getParent(), "state folder",
          "monitor.lock, monitor.db and archive/", "--state DIR", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    return Optional.of(new StateLock(lockFile, channel, lock));
  }

  /** True when another process holds the lock right now. */
  public static boolean isHeld(Path lockFile) throws IOException {
    if (!Files.exists(lockFile)) {
      return false;
    }
    Optional<StateLock> probe = tryAcquire(lockFile);
    probe.ifPresent(StateLock::close);
    return probe.isEmpty();
  }

  /** The pid written by the process that holds (or last held) the lock, when readable. */
  public static Optional<Long> ownerPid(Path lockFile) {
    try {
      String text = Files.readString(lockFile).trim();
      return text.matches("\\d{1,10}") ? Optional.of(Long.parseLong(text)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The OS releases the lock when the channel or the process goes away.
    }
  }
}
