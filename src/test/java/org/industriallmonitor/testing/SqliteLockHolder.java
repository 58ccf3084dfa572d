package org.industriallmonitor.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Another process that holds a SQLite database locked: {@code BEGIN EXCLUSIVE}, prints
 * {@code locked}, and keeps the lock until its standard input closes.
 */
public final class SqliteLockHolder {
  private SqliteLockHolder() {}

  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]); Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("BEGIN EXCLUSIVE");
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() != -1) {
        // Hold the lock until the test closes our input.
      }
      s.execute("ROLLBACK");
    }
  }
}
