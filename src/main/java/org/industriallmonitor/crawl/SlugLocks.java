package org.industriallmonitor.crawl;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per article slug, shared by every crawl of the process, so that an article listed
 * under two countries crawled at once is fetched and recorded by one of them only.
 */
public final class SlugLocks {
  private final Map<String, Entry> locks = new HashMap<>();

  /** Blocks until this thread holds the slug's lock; close the handle to release it. */
  public Held lock(String slug) throws InterruptedException {
    Entry entry;
    synchronized (locks) {
      entry = locks.computeIfAbsent(slug, k -> new Entry());
      entry.users++;
    }
    try {
      entry.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      release(slug, entry, false);
      throw e;
    }
    return () -> release(slug, entry, true);
  }

  /**
   * Blocks until this thread holds the locks of all {@code slugs}, taken in sorted order so that
   * two crawls locking overlapping sets never wait for each other in a circle.
   */
  public Held lockAll(java.util.Collection<String> slugs) throws InterruptedException {
    java.util.List<Held> held = new java.util.ArrayList<>();
    try {
      for (String slug : new java.util.TreeSet<>(slugs)) {
        held.add(lock(slug));
      }
    } catch (InterruptedException e) {
      held.forEach(Held::close);
      throw e;
    }
    return () -> held.forEach(Held::close);
  }

  private void release(String slug, Entry entry, boolean locked) {
    if (locked) {
      entry.lock.unlock();
    }
    synchronized (locks) {
      if (--entry.users == 0) {
        locks.remove(slug);
      }
    }
  }

  /** Number of slugs currently locked or waited for; for tests. */
  int size() {
    synchronized (locks) {
      return locks.size();
    }
  }

  /** A held slug lock. */
  @FunctionalInterface
  public interface Held extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }
}
