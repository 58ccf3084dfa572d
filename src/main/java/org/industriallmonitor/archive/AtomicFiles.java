package org.industriallmonitor.archive;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes files so that a reader, or a process killed at any moment, sees either the old file or
 * the complete new one: temporary file, fsync, rename, fsync of the folder.
 */
public final class AtomicFiles {
  /** Prefix of temporary files; anything with it in the archive is left over from a crash. */
  static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** A file to write: where, and its bytes. */
  public record Pending(Path target, byte[] content) {}

  public static void write(Path target, byte[] content) throws IOException {
    writeAll(List.of(new Pending(target, content)));
  }

  /**
   * Writes several files of one folder: each to a temporary file and fsynced, then each renamed
   * into place in order, then the folder fsynced once.
   */
  public static void writeAll(List<Pending> files) throws IOException {
    List<Path> temps = new ArrayList<>();
    try {
      for (Pending file : files) {
        temps.add(writeTemporary(file));
      }
      for (int i = 0; i < files.size(); i++) {
        move(temps.get(i), files.get(i).target());
      }
      List<Path> folders = new ArrayList<>();
      for (Pending file : files) {
        Path folder = file.target().toAbsolutePath().getParent();
        if (!folders.contains(folder)) {
          folders.add(folder);
          syncDirectory(folder);
        }
      }
    } finally {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static Path writeTemporary(Pending file) throws IOException {
    Path dir = file.target().toAbsolutePath().getParent();
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + "-" + file.target().getFileName());
    try (FileChannel channel = create(temp)) {
      ByteBuffer buffer = ByteBuffer.wrap(file.content());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  private static FileChannel create(Path temp) throws IOException {
    try {
      return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      // The folder's first file: create it (checking for folders on every write costs more).
      Files.createDirectories(temp.getParent());
      return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Removes temporary files that a killed process left under {@code root}; returns how many. */
  public static int removeLeftovers(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for syncing; the rename is still atomic there.
    }
  }
}
