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
 * the complete new one: temporary file, fsync, rename, fsync of the folder. The folder's fsync
 * (which makes the rename itself durable) can be left for later, so that a batch of files in one
 * folder pays for it once: {@link #place} then {@link #syncFolders}.
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

  /** Writes files with their temporary files beside them. */
  public static void writeAll(List<Pending> files) throws IOException {
    writeAll(null, files);
  }

  /**
   * Writes files: each to a temporary file in {@code tempDir} (beside the file when null; it must
   * be on the same file system) and fsynced, then each renamed into place in order, then each
   * folder fsynced once.
   */
  public static void writeAll(Path tempDir, List<Pending> files) throws IOException {
    place(tempDir, files);
    syncFolders(files.stream().map(file -> file.target().toAbsolutePath().getParent()).toList());
  }

  /**
   * Writes files as {@link #writeAll} does, but leaves their folders unsynced: each file's bytes
   * are on the disk, and it is in place, but a power cut may still undo a rename until
   * {@link #syncFolders} ran for its folder.
   */
  public static void place(Path tempDir, List<Pending> files) throws IOException {
    List<Path> temps = new ArrayList<>();
    try {
      for (Pending file : files) {
        temps.add(writeTemporary(tempDir, file));
      }
      for (int i = 0; i < files.size(); i++) {
        move(temps.get(i), files.get(i).target());
      }
    } finally {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private static Path writeTemporary(Path tempDir, Pending file) throws IOException {
    Path dir = tempDir != null ? tempDir : file.target().toAbsolutePath().getParent();
    String name = file.target().getFileName().toString();
    // Bounded, so that a long file name plus the prefix stays within the file system's limit.
    Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID() + "-" + name.substring(0, Math.min(name.length(), 100)));
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
    } catch (NoSuchFileException e) {
      // The folder's first file.
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Whether a file of this name is a temporary file, being written or left by a kill: not part of the archive. */
  public static boolean isTemporary(String fileName) {
    return fileName.startsWith(TEMP_PREFIX);
  }

  /** Removes temporary files that a killed process left in {@code dir} (not below it); returns how many. */
  public static int removeLeftovers(Path dir) throws IOException {
    return removeLeftovers(dir, java.time.Duration.ZERO);
  }

  /** The same, for the temporary files last modified more than {@code age} ago. */
  public static int removeLeftovers(Path dir, java.time.Duration age) throws IOException {
    java.time.Instant before = java.time.Instant.now().minus(age);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int removed = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isRegularFile(p)
            && (age.isZero() || Files.getLastModifiedTime(p).toInstant().isBefore(before))) {
          Files.deleteIfExists(p);
          removed++;
        }
      }
    }
    return removed;
  }

  /** Makes the renames into {@code folders} durable: one fsync per distinct folder. */
  public static void syncFolders(java.util.Collection<Path> folders) {
    new java.util.LinkedHashSet<>(folders).forEach(AtomicFiles::syncDirectory);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open a directory for syncing; the rename is still atomic there.
    }
  }
}
