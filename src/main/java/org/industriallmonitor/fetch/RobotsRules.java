package org.industriallmonitor.fetch;

import okhttp3.HttpUrl;

/** Decides whether the site's robots.txt lets us fetch a URL. */
public interface RobotsRules {
  /** Rules that allow everything, for sites we own (the replica) and tests that do not need robots. */
  RobotsRules ALLOW_ALL = url -> {};

  /** Returns normally when {@code url} may be fetched. */
  void check(HttpUrl url) throws RobotsDisallowedException, InterruptedException;
}
