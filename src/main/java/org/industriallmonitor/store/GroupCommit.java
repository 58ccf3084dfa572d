package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Durable transactions of several threads committed together: while one thread commits (and
 * waits for the fsync), the work others submit queues up, and the next of them commits it all in
 * one transaction. Each piece of work runs in its own savepoint, so one that fails is undone
 * alone. Every caller returns only once its work is durably committed, or with its error.
 */
final class GroupCommit {
  private final Database db;
  private final ConcurrentLinkedQueue<Work<?>> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock leader = new ReentrantLock();

  GroupCommit(Database db) {
    this.db = db;
  }

  <T> T run(SqlWork<T> work) {
    Work<T> mine = new Work<>(work);
    queue.add(mine);
    leader.lock();
    try {
      if (!mine.done) {
        commitQueued();
      }
    } finally {
      leader.unlock();
    }
    if (mine.error != null) {
      throw mine.error;
    }
    return mine.result;
  }

  private void commitQueued() {
    List<Work<?>> batch = new ArrayList<>();
    for (Work<?> w = queue.poll(); w != null; w = queue.poll()) {
      batch.add(w);
    }
    try {
      db.inTransaction(c -> {
        for (Work<?> w : batch) {
          w.runInSavepoint(c, db);
        }
        return null;
      });
    } catch (StoreException commitFailed) {
      for (Work<?> w : batch) {
        if (w.error == null || commitFailed instanceof StorageFailure) {
          w.error = commitFailed;
        }
      }
    }
    for (Work<?> w : batch) {
      w.done = true;
    }
  }

  /** One thread's work and, once the batch is committed, its result or error. */
  private static final class Work<T> {
    private final SqlWork<T> work;
    private T result;
    private StoreException error;
    private boolean done;

    Work(SqlWork<T> work) {
      this.work = work;
    }

    void runInSavepoint(Connection c, Database db) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("SAVEPOINT work");
        try {
          result = work.run(c);
          s.execute("RELEASE work");
        } catch (SQLException | RuntimeException e) {
          StoreException failure = e instanceof StoreException store ? store
              : e instanceof SQLException sql ? db.failure(sql) : new StoreException("database: " + e.getMessage(), e);
          if (failure instanceof StorageFailure) {
            // The disk failed, not this piece: the whole batch fails with the cause (SQLite may have rolled it back already).
            throw failure;
          }
          s.execute("ROLLBACK TO work");
          s.execute("RELEASE work");
          result = null;
          error = failure;
        }
      }
    }
  }
}
