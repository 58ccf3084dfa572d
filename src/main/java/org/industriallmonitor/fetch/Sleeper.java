package org.industriallmonitor.fetch;

import java.time.Duration;

/**
 * How the fetcher waits between attempts (a backoff, a server's Retry-After). Injected so that tests
 * of retries note the waits instead of spending them.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL = wait -> Thread.sleep(wait.toMillis());

  void sleep(Duration wait) throws InterruptedException;
}
