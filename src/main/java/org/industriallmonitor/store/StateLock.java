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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that makes one monitor process the owner of a state folder: {@code monitor.lock}
 * beside the database, held with an OS file lock (released by the OS if the process dies) and
 * holding the owner's pid for messages.
 *
 * <p>The JDK's file locks are POSIX record locks on Linux, and the kernel drops all of a process's
 * record locks on a file when the process closes <em>any</em> descriptor of it. So the holding
 * process must never open its lock file again: not to probe it, not to read the pid in it. The
 * locks this process holds are therefore kept in {@link #HELD}, keyed by the file's identity
 * (device and inode, read without opening it), and every look at a lock file asks there first.
 * This is the one piece of static mutable state in the product, and it mirrors one: the kernel
 * keeps record locks per process, not per object.
 */
public final class StateLock implements AutoCloseable {
  public static final String FILE_NAME = "monitor.lock";

  private static final Map<Object, Holder> HELD = new ConcurrentHashMap<>();

  private final Path file;
  private final Object identity;
  private final FileChannel channel;
  private final FileLock lock;

  private StateLock(Path file, Object identity, FileChannel channel, FileLock lock) {
    this.file = file;
    this.identity = identity;
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock file of the state folder that holds {@code database}. */
  public static Path fileFor(Path database) {
    return database.toAbsolutePath().getParent().resolve(FILE_NAME);
  }

  /** The lock file of node {@code node} in the state folder of {@code database} (with PostgreSQL, where nodes share the state). */
  public static Path fileForNode(Path database, String node) {
    return database.toAbsolutePath().getParent().resolve("monitor-" + node.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
  }

  /**
   * Takes the lock, or returns empty when another process holds it.
   *
   * @throws UnwritableFolderException when the state folder cannot be written (permissions, read-only)
   */
  public static synchronized Optional<StateLock> tryAcquire(Path lockFile, String command) throws IOException {
    if (heldHere(lockFile).isPresent()) {
      return Optional.empty();
    }
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
    StateLock held = new StateLock(lockFile, identity(lockFile), channel, lock);
    held.announce(command);
    return Optional.of(held);
  }

  /**
   * Says from now on that this process runs {@code command} (a demo that stays on as a daemon
   * becomes {@link Holder#DAEMON_DEMO}): written through the held channel, never a new one.
   */
  public synchronized void announce(String command) throws IOException {
    Holder self = new Holder(ProcessHandle.current().pid(), command);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((self.pid() + " " + command + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    HELD.put(identity, self);
  }

  /** This process's hold on {@code lockFile}, found without opening the file. */
  private static Optional<Holder> heldHere(Path lockFile) {
    try {
      return Optional.ofNullable(HELD.get(identity(lockFile)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The file's identity (device and inode where the file system has them), read with stat, not open. */
  private static Object identity(Path file) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return attributes.fileKey() != null ? attributes.fileKey() : file.toRealPath();
  }

  /** The process that holds a state folder: its pid, and the command it runs ({@code run}, {@code once}, ...; null when unknown). */
  public record Holder(long pid, String command) {
    /** What a {@code demo --keep-running} says once it has become a daemon. */
    public static final String DAEMON_DEMO = "demo --keep-running";

    /** {@code `once`, pid 123}, for messages. */
    public String describe() {
      return (command == null ? "" : "`" + command + "`, ") + "pid " + pid;
    }

    public boolean isDaemon() {
      return "run".equals(command) || DAEMON_DEMO.equals(command);
    }
  }

  /**
   * The process that holds the lock right now, if any. Only looks, so it works on a read-only
   * state folder as well.
   */
  public static synchronized Optional<Holder> holder(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return Optional.empty();
    }
    Optional<Holder> self = heldHere(lockFile);
    if (self.isPresent()) {
      return self;
    }
    // A shared lock is enough to probe, and needs the file only for reading (a read-only state folder too).
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ)) {
      FileLock probe;
      try {
        probe = channel.tryLock(0, Long.MAX_VALUE, true);
      } catch (OverlappingFileLockException e) {
        probe = null;
      }
      if (probe != null) {
        probe.release();
        return Optional.empty();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(written(lockFile).orElse(new Holder(-1, null)));
  }

  /** What the process that holds (or last held) the lock wrote into it: {@code PID COMMAND}. */
  static Optional<Holder> written(Path lockFile) {
    try {
      String[] parts = Files.readString(lockFile).trim().split(" ", 2);
      if (!parts[0].matches("\\d{1,10}")) {
        return Optional.empty();
      }
      return Optional.of(new Holder(Long.parseLong(parts[0]), parts.length > 1 && !parts[1].isBlank() ? parts[1].trim() : null));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    // Under the class's lock, and forgotten only once released: a look at the holder meanwhile must not open the file.
    synchronized (StateLock.class) {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // The OS releases the lock when the channel or the process goes away.
      }
      HELD.remove(identity);
    }
  }
}
