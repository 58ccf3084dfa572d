package org.industriallmonitor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * Gives sqlite-jdbc one copy of its native library in the state folder ({@code .native/}) instead
 * of the new copy in {@code /tmp} it writes at every start: those pile up when processes are
 * killed, and a shared {@code /tmp} is no place to load code from.
 */
final class SqliteNativeLibrary {
  private static final String PATH = "org.sqlite.lib.path";
  private static final String NAME = "org.sqlite.lib.name";

  private SqliteNativeLibrary() {}

  /**
   * Points sqlite-jdbc at {@code dir/VERSION/OS-ARCH/libsqlitejdbc.so}, written there once; does
   * nothing if it cannot. The folder is named from system properties so that a start that finds
   * the library does not ask sqlite-jdbc which build fits (it runs {@code uname} to tell).
   */
  static synchronized void useCopyIn(Path dir) {
    if (System.getProperty(PATH) != null) {
      return;
    }
    String name = System.mapLibraryName("sqlitejdbc");
    Path folder = dir.resolve(SQLiteJDBCLoader.getVersion()).resolve(
        (System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_"));
    Path library = folder.resolve(name);
    try {
      if (!Files.isRegularFile(library)) {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
          if (in == null) {
            return;
          }
          Files.createDirectories(folder);
          Path temp = folder.resolve(name + "." + UUID.randomUUID() + ".tmp");
          Files.copy(in, temp);
          Files.move(temp, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      System.setProperty(PATH, folder.toString());
      System.setProperty(NAME, name);
    } catch (IOException | RuntimeException e) {
      // sqlite-jdbc then extracts its library itself, as it always does.
    }
  }
}
