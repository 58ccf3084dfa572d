package org.industriallmonitor.fetch;

import okhttp3.HttpUrl;

/** Decides whether the site's robots.txt lets us fetch a URL. */
public interface RobotsRules {
  /** Rules that allow everything, for tests that are not about robots.txt. */
  RobotsRules ALLOW_ALL = url -> {};

  /**
   * Returns normally when {@code url} may be fetched.
   *
   * @throws RobotsDisallowedException when robots.txt disallows it
   * @throws FetchException when robots.txt cannot be read (a server error): nothing is fetched
   */
  void check(HttpUrl url) throws FetchException, InterruptedException;
}
