package org.industriallmonitor.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.industriallmonitor.archive.AtomicFiles;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.StorageConfig;
import org.industriallmonitor.store.DatabaseCopy;
import org.industriallmonitor.store.Store;
import org.industriallmonitor.store.StoreException;

/**
 * {@code backup --to DIR} and {@code backup --verify DIR}: a copy of the state that a monitor can be pointed
 * at ({@code DIR/monitor.db} beside {@code DIR/archive}, as {@code --state DIR} reads them), taken while a
 * daemon runs, without its lock.
 *
 * <p>The order is what makes it consistent. The monitor writes an article's file before its row, and never
 * writes into a file in place (a corrected text is a new file; a sidecar is rewritten by a rename over the old
 * one). So the archive is linked first, then the database copied in one read transaction; every row of the copy
 * was committed after its file was written, and the files written or replaced while the archive was being walked
 * are picked up afterwards from the list of paths the copy itself names. The manifest is written last, atomically: a backup cut short by a kill has none, and
 * {@link #verify} refuses it.
 */
public final class Backup {
  /** The folder of files being written, which is no part of a state. */
  private static final String INCOMING = ".incoming";

  private Backup() {}

  /**
   * What {@link #take} did: the manifest it wrote, how files were placed, what the state itself lacked, and the
   * schema this release migrates the copied database to (empty when no database was copied).
   */
  public record Taken(Path dir, BackupManifest manifest, Placement placement, int addedAfterDatabaseCopy, int refreshedAfterDatabaseCopy,
      List<String> missingInState, Optional<String> uncopiedDatabase, OptionalInt releaseSchemaVersion) {
    public Taken {
      missingInState = List.copyOf(missingInState);
    }
  }

  /** How archive files reached the backup: hard links on the same file system, copies across file systems. */
  public enum Placement {
    HARD_LINKED, COPIED, NONE
  }

  /** What {@link #verify} found: empty problems for a whole backup. */
  public record Verification(Path dir, Optional<BackupManifest> manifest, List<String> problems) {
    public Verification {
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return manifest.isPresent() && problems.isEmpty();
    }
  }

  /** Thrown when {@code --to} names a place that cannot take a backup (not empty, inside the state). */
  public static final class UnusableTargetException extends RuntimeException {
    UnusableTargetException(String message) {
      super(message);
    }
  }

  /** Backs up the state of {@code parts} into {@code to}, which must be missing or empty. */
  public static Taken take(Components parts, Path to, Clock clock) throws IOException {
    return take(parts, to, clock, () -> {});
  }

  /** The same, running {@code betweenArchiveAndDatabase} in that gap (tests write an article there). */
  static Taken take(Components parts, Path to, Clock clock, Runnable betweenArchiveAndDatabase) throws IOException {
    StorageConfig storage = parts.config().storage();
    StorageConfig backup = StorageConfig.under(to);
    Path source = storage.archive().toAbsolutePath().normalize();
    refuseUnusable(to, storage);
    // Opened before anything is written, so that a state a later release wrote is refused with no folder left behind.
    Optional<Store> database = storage.isPostgres() ? Optional.empty() : Optional.of(parts.storeForCopying());
    Set<Path> grown = new LinkedHashSet<>(createFolders(backup.archive()));
    grown.add(to); // it gains monitor.db

    ArchiveLinker linker = new ArchiveLinker(source, backup.archive());
    linker.linkAll();
    betweenArchiveAndDatabase.run();
    Optional<BackupManifest.DatabaseSummary> summary = Optional.empty();
    CatchUp catchUp = new CatchUp(0, 0, List.of());
    Optional<String> uncopied = Optional.empty();
    OptionalInt releaseSchema = OptionalInt.empty();
    if (database.isEmpty()) {
      // pg_dump takes a consistent copy of a server's database; the monitor copies only what is on this machine.
      uncopied = Optional.of(storage.describeDatabase());
    } else {
      DatabaseCopy copy = database.get().copyTo(backup.database());
      force(backup.database());
      catchUp = catchUp(linker, copy.archivePaths());
      summary = Optional.of(new BackupManifest.DatabaseSummary(to.relativize(backup.database()).toString(), copy.schemaVersion(),
          copy.tableCounts()));
      releaseSchema = OptionalInt.of(database.get().releaseSchemaVersion());
    }
    // Every entry made durable before the manifest, which says the backup is whole: each file's, and each new folder's.
    grown.addAll(linker.folders());
    AtomicFiles.syncFolders(grown);

    List<BackupManifest.FileEntry> files = new ArrayList<>();
    if (summary.isPresent()) {
      files.add(entry(to, backup.database()));
    }
    for (String path : linker.placed()) {
      files.add(entry(to, backup.archive().resolve(path)));
    }
    List<String> missing = catchUp.missing().stream().map(path -> to.relativize(backup.archive().resolve(path)).toString()).toList();
    BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, clock.instant(),
        storage.describeDatabase() + " + " + storage.archive().toAbsolutePath(), summary, files, missing);
    AtomicFiles.write(to.resolve(BackupManifest.FILE_NAME), manifest.toJson());
    return new Taken(to, manifest, linker.placement(), catchUp.added(), catchUp.refreshed(), catchUp.missing(), uncopied, releaseSchema);
  }

  /** What {@link #catchUp} did: files added, files taken again, files the rows name that the state lacks. */
  private record CatchUp(int added, int refreshed, List<String> missing) {}

  /**
   * Brings the archive of the backup up to the copied rows. A row committed while the archive was walked may
   * name a file the walk had passed: its file was written before the row, so it is there now. A file the rows name
   * that was replaced since the walk (a sidecar that got a new version) is taken again: a sidecar behind its rows
   * is a state no kill leaves, one ahead of them is what a kill between file and row leaves, and the monitor
   * resumes from that.
   */
  private static CatchUp catchUp(ArchiveLinker linker, List<String> named) throws IOException {
    int added = 0;
    int refreshed = 0;
    List<String> missing = new ArrayList<>();
    for (String path : named) {
      if (!linker.has(path)) {
        if (linker.place(path)) {
          added++;
        } else {
          missing.add(path);
        }
      } else if (linker.replacedSince(path)) {
        if (linker.placeAgain(path)) {
          refreshed++;
        } else {
          missing.add(path);
        }
      }
    }
    return new CatchUp(added, refreshed, missing);
  }

  /**
   * Checks every file of the backup in {@code dir} against its manifest: present, of its size, of its SHA-256,
   * and no other; and that the backup lacks no file its database's rows name.
   */
  public static Verification verify(Path dir) throws IOException {
    Path manifestFile = dir.resolve(BackupManifest.FILE_NAME);
    if (!Files.isDirectory(dir)) {
      return new Verification(dir, Optional.empty(), List.of(dir + " is not a folder"));
    }
    if (!Files.isRegularFile(manifestFile)) {
      return new Verification(dir, Optional.empty(), List.of("no " + BackupManifest.FILE_NAME + ": not a backup, or one cut short"
          + " before it was finished (the manifest is written last)"));
    }
    BackupManifest manifest;
    try {
      manifest = BackupManifest.parse(Files.readAllBytes(manifestFile));
    } catch (BackupManifest.UnreadableManifestException e) {
      return new Verification(dir, Optional.empty(), List.of(BackupManifest.FILE_NAME + " cannot be read: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    Set<String> listed = new LinkedHashSet<>();
    for (BackupManifest.FileEntry f : manifest.files()) {
      listed.add(f.path());
      Path file = dir.resolve(f.path());
      if (!file.normalize().startsWith(dir.normalize())) {
        problems.add(f.path() + ": outside the backup folder");
      } else if (!Files.isRegularFile(file)) {
        problems.add(f.path() + ": missing");
      } else if (Files.size(file) != f.size()) {
        problems.add(f.path() + ": " + Files.size(file) + " bytes, the manifest says " + f.size());
      } else if (!Hashes.sha256(file).equals(f.sha256())) {
        problems.add(f.path() + ": its SHA-256 is not the manifest's (changed since the backup)");
      }
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(p -> !p.equals(BackupManifest.FILE_NAME) && !listed.contains(p)).sorted()
          .forEach(p -> problems.add(p + ": not in the manifest"));
    }
    for (String path : manifest.missing()) {
      problems.add(path + ": the state lacked it when the backup was taken (the database's rows name it), so the backup lacks it too");
    }
    manifest.database().ifPresent(database -> {
      boolean databaseWhole = problems.stream().noneMatch(problem -> problem.startsWith(database.file() + ":"));
      if (databaseWhole) {
        problems.addAll(unlistedFilesNamedBy(dir, database, listed, manifest.missing()));
      }
    });
    return new Verification(dir, Optional.of(manifest), problems);
  }

  /**
   * The files the copied database's rows name that the manifest neither lists nor records as missing: a backup
   * written before missing files were recorded can lack them, and a manifest cannot be trusted to say so.
   */
  private static List<String> unlistedFilesNamedBy(Path dir, BackupManifest.DatabaseSummary database, Set<String> listed,
      List<String> missing) {
    DatabaseCopy copy;
    try {
      copy = Store.readCopy(dir.resolve(database.file()));
    } catch (StoreException e) {
      return List.of(database.file() + ": cannot be read (" + e.getMessage() + ")");
    }
    Path archive = StorageConfig.under(dir).archive();
    Set<String> recordedMissing = Set.copyOf(missing);
    List<String> unlisted = new ArrayList<>();
    for (String named : copy.archivePaths()) {
      String path = dir.relativize(archive.resolve(named)).toString();
      if (!listed.contains(path) && !recordedMissing.contains(path)) {
        unlisted.add(path + ": named by the rows of " + database.file() + ", but not in the backup's manifest");
      }
    }
    return unlisted;
  }

  private static void refuseUnusable(Path to, StorageConfig storage) throws IOException {
    Path target = to.toAbsolutePath().normalize();
    Path archive = storage.archive().toAbsolutePath().normalize();
    if (target.startsWith(archive) || archive.startsWith(target)) {
      throw new UnusableTargetException("--to " + to + ": the backup and the archive " + archive
          + " would be inside one another; back up into a folder of its own");
    }
    if (Files.exists(to)) {
      if (!Files.isDirectory(to)) {
        throw new UnusableTargetException("--to " + to + " is a file: name a new or empty folder");
      }
      try (Stream<Path> entries = Files.list(to)) {
        if (entries.findAny().isPresent()) {
          throw new UnusableTargetException("--to " + to + " is not empty: a backup goes into a new or empty folder, so that"
              + " nothing of another backup or state is mixed into it");
        }
      }
    }
  }

  /**
   * Creates {@code dir} and its missing parents, and returns the folders that gained an entry, outermost first:
   * the parent of each folder created, whose sync makes that folder durable.
   */
  static List<Path> createFolders(Path dir) throws IOException {
    List<Path> created = new ArrayList<>();
    for (Path folder = dir.toAbsolutePath().normalize(); folder != null && !Files.isDirectory(folder); folder = folder.getParent()) {
      created.add(0, folder);
    }
    Files.createDirectories(dir);
    return created.stream().map(Path::getParent).toList();
  }

  private static BackupManifest.FileEntry entry(Path dir, Path file) throws IOException {
    return new BackupManifest.FileEntry(dir.relativize(file).toString(), Files.size(file), Hashes.sha256(file));
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /**
   * Which file a path held: its inode alone is not enough, since a file system may give a new file the inode of
   * one just removed, and some have none (a null key); the size and modification time tell those apart too.
   */
  private record FileIdentity(Object key, long size, FileTime modified) {}

  /**
   * Places archive files in the backup: a hard link (the same bytes, no space taken; safe because the monitor
   * never writes into an archived file), or a copy once linking fails (another file system).
   */
  private static final class ArchiveLinker {
    private final Path source;
    private final Path target;
    /** Each placed file, relative to the archive root, with the identity of the state's file it took: null when unknown. */
    private final TreeMap<String, FileIdentity> placed = new TreeMap<>();
    private final Set<Path> folders = new LinkedHashSet<>();
    private Placement placement = Placement.NONE;

    ArchiveLinker(Path source, Path target) {
      this.source = source;
      this.target = target.toAbsolutePath().normalize();
    }

    /** Every file of the archive as it is now, without the files being written. */
    void linkAll() throws IOException {
      if (!Files.isDirectory(source)) {
        return;
      }
      Files.walkFileTree(source, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.getFileName().toString().equals(INCOMING) && dir.getParent().equals(source) ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile() && !AtomicFiles.isTemporary(file.getFileName().toString())) {
            place(source.relativize(file).toString());
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof NoSuchFileException) {
            return FileVisitResult.CONTINUE; // A temporary file renamed into place meanwhile.
          }
          throw e;
        }
      });
    }

    boolean has(String path) {
      return placed.containsKey(path);
    }

    /** Whether the state's file was replaced (renamed over) since it was placed; a file removed since counts as kept. */
    boolean replacedSince(String path) throws IOException {
      FileIdentity before = placed.get(path);
      FileIdentity now = identity(source.resolve(path));
      return before != null && now != null && !before.equals(now);
    }

    /** Places the state's file as it is now, instead of the one placed before. */
    boolean placeAgain(String path) throws IOException {
      Files.delete(target.resolve(path));
      placed.remove(path);
      return place(path);
    }

    /** Null when the file is gone. */
    private static FileIdentity identity(Path file) throws IOException {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileIdentity(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    /** Places one file; false when the archive has no such file. */
    boolean place(String path) throws IOException {
      Path from = source.resolve(path);
      Path to = target.resolve(path);
      if (!to.normalize().startsWith(target) || !Files.isRegularFile(from)) {
        return false;
      }
      folders.addAll(createFolders(to.getParent()));
      folders.add(to.getParent());
      try {
        if (placement != Placement.COPIED) {
          try {
            Files.createLink(to, from);
            placement = Placement.HARD_LINKED;
            placed.put(path, identity(to));
            return true;
          } catch (NoSuchFileException e) {
            return false;
          } catch (FileSystemException | UnsupportedOperationException e) {
            placement = Placement.COPIED;
          }
        }
        // Taken before the copy: a file replaced in between is then taken again after the database copy, never missed.
        FileIdentity identity = identity(from);
        Files.copy(from, to);
        force(to);
        placed.put(path, identity);
        return true;
      } catch (NoSuchFileException e) {
        return false;
      }
    }

    /** The placed files, relative to the archive root, sorted. */
    List<String> placed() {
      return List.copyOf(placed.keySet());
    }

    /** The folders that gained an entry (a file, or a new folder): synced before the manifest is written. */
    Set<Path> folders() {
      return folders;
    }

    Placement placement() {
      return placement;
    }
  }
}
