package org.industriallmonitor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether the places a configuration names for the state are the monitor's to write: looked at
 * before anything is written there, so that a mistyped path never gets the monitor's schema, its
 * write-ahead log or its files.
 */
final class StateOwnership {
  /** What the archive folder holds: {@code articles/}, {@code listings/} and the folder of files being written. */
  private static final Set<String> ARCHIVE_ENTRIES = Set.of("articles", "listings", ".incoming");
  /** Tables every version of the monitor's schema has had since the first. */
  private static final List<String> MONITOR_TABLES = List.of("articles", "countries", "crawl_runs");
  /** What a file system puts in a fresh folder of its own (ext4's lost+found, a NAS's snapshots): not another program's files. */
  private static final Set<String> FILE_SYSTEM_ENTRIES = Set.of("lost+found", ".snapshot", ".snapshots", "@eaDir", ".zfs");
  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private StateOwnership() {}

  /**
   * Refuses a SQLite file that holds tables but no monitor state. Read from the file's header
   * (SQLite's documented layout: the page size at offset 16, the user version at 60), which the
   * monitor's migrations set in the same transaction that creates its tables: a checkpointed file
   * with tables and user version 0 was written by someone else.
   */
  static void refuseForeignDatabase(Path file) {
    byte[] header;
    try (InputStream in = Files.newInputStream(file)) {
      header = in.readNBytes(100);
    } catch (java.nio.file.NoSuchFileException e) {
      return;
    } catch (IOException e) {
      return; // Opening it says why it cannot be read.
    }
    if (header.length == 0) {
      return;
    }
    if (header.length < 100 || !java.util.Arrays.equals(java.util.Arrays.copyOf(header, SQLITE_MAGIC.length), SQLITE_MAGIC)) {
      throw new ForeignStateException("storage.database: " + file + " is not a SQLite database (another program's file?):"
          + " point storage.database at a file of the monitor's own, such as state/monitor.db");
    }
    // The page size at offset 16 (1 means 65536); the page count from the file's size, which every SQLite keeps true.
    int pageSize = ((header[16] & 0xff) << 8) | (header[17] & 0xff);
    long pages;
    try {
      pages = Files.size(file) / (pageSize == 1 ? 65536 : Math.max(pageSize, 512));
    } catch (IOException e) {
      return;
    }
    long userVersion = readInt(header, 60);
    boolean wal = header[18] == 2 && header[19] == 2;
    if (userVersion > 0 && pages > 1 && !wal) {
      // Other programs number their schemas too. A versioned file not in WAL mode would be switched to it by opening:
      // its tables are looked at first, read-only. (A WAL file is looked at on the monitor's own connection, which
      // changes nothing in it: refuseForeignTables.)
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro")) {
        refuseForeignTables(c, file);
      } catch (SQLException e) {
        return; // Unreadable here: opening it says why.
      }
    }
    if (userVersion == 0 && pages > 1) {
      List<String> tables = tables(file, 6);
      throw new ForeignStateException("storage.database: " + file + " holds another application's tables"
          + (tables.isEmpty() ? "" : " (" + String.join(", ", tables) + ")") + " and no monitor state: point storage.database"
          + " at a file of the monitor's own, such as state/monitor.db; this one was left as it was");
    }
  }

  /**
   * Refuses the file system's root, and a folder that holds other files and no archive. The state
   * folder's own files ({@code database} and its journals, the locks, the native library's and the
   * class archive's folders) are the monitor's too: an archive may share the database's folder.
   */
  static void refuseForeignArchive(Path archive, Path database) {
    Path root = archive.toAbsolutePath().normalize();
    if (root.getParent() == null) {
      throw new ForeignStateException("storage.archive: " + root + " is the file system's root: point storage.archive at a folder of"
          + " its own, such as state/archive");
    }
    if (!Files.isDirectory(root)) {
      return;
    }
    List<String> others = new ArrayList<>();
    boolean archiveFound = false;
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (ARCHIVE_ENTRIES.contains(name)) {
          archiveFound |= !name.equals(".incoming");
        } else if (isStateFile(name, database) || FILE_SYSTEM_ENTRIES.contains(name)) {
          continue;
        } else if (others.size() < 5) {
          others.add(name);
        }
      }
    } catch (IOException e) {
      return; // Writing there says why it cannot be used.
    }
    if (!archiveFound && !others.isEmpty()) {
      throw new ForeignStateException("storage.archive: " + root + " holds other files (" + String.join(", ", others)
          + ") and no archive (articles/, listings/): point storage.archive at an empty folder or the monitor's archive,"
          + " such as state/archive");
    }
  }

  private static boolean isStateFile(String name, Path database) {
    String db = database == null || database.getFileName() == null ? null : database.getFileName().toString();
    return db != null && (name.equals(db) || name.startsWith(db + "-")) || name.matches("monitor(-.+)?\\.lock")
        || name.equals(".native") || name.equals(".cache");
  }

  private static long readInt(byte[] header, int offset) {
    return ((header[offset] & 0xffL) << 24) | ((header[offset + 1] & 0xffL) << 16) | ((header[offset + 2] & 0xffL) << 8)
        | (header[offset + 3] & 0xffL);
  }

  /**
   * Refuses a database with tables but without the monitor's (another program's, which numbers its
   * schema too), read on {@code connection} before anything is written: a versioned file is the
   * monitor's only when it holds the monitor's tables.
   */
  static void refuseForeignTables(Connection connection, Path file) throws SQLException {
    List<String> tables = tables(connection, Integer.MAX_VALUE);
    if (tables.isEmpty() || tables.containsAll(MONITOR_TABLES)) {
      return;
    }
    List<String> shown = tables.size() > 5 ? List.of(String.join(", ", tables.subList(0, 5)), "...") : tables;
    throw new ForeignStateException("storage.database: " + file + " holds another application's tables (" + String.join(", ", shown)
        + ") and no monitor state: point storage.database at a file of the monitor's own, such as state/monitor.db; this one"
        + " was left as it was");
  }

  /** The table names of {@code file} (at most {@code limit}), read without changing it; empty when they cannot be read. */
  private static List<String> tables(Path file, int limit) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro")) {
      return tables(c, limit);
    } catch (SQLException e) {
      return List.of();
    }
  }

  private static List<String> tables(Connection c, int limit) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT "
            + limit)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    } catch (SQLException e) {
      return List.of();
    }
    if (limit == 6 && names.size() > 5) {
      names.set(5, "...");
    }
    return names;
  }
}
