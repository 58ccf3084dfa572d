package org.industriallmonitor.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Another process that holds a SQLite database locked: {@code BEGIN EXCLUSIVE}, prints
 * {@code locked}, and keeps the lock until its standard input closes. {@link #lockInAnotherProcess}
 * starts it and waits for the lock; closing what it returns lets the lock go.
 */
public final class SqliteLockHolder {
  private SqliteLockHolder() {}

  /** The lock of another JVM on {@code db}, held from the return until {@link HeldLock#close()}. */
  public static HeldLock lockInAnotherProcess(Path db) throws IOException {
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), SqliteLockHolder.class.getName(), db.toString())
        .redirectErrorStream(true).start();
    HeldLock lock = new HeldLock(holder);
    String said = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (!"locked".equals(said)) {
      lock.close();
      throw new IllegalStateException("the lock holder did not lock " + db + ": it said " + said);
    }
    return lock;
  }

  /** The process holding the lock. */
  public record HeldLock(Process holder) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      holder.getOutputStream().close();
      try {
        holder.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        holder.destroyForcibly();
      }
    }
  }

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
