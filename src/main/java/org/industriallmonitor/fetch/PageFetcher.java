package org.industriallmonitor.fetch;

import java.time.Duration;

/** Fetches pages of the site. */
public interface PageFetcher {
  /** Fetches an HTML page, sending {@code validators} for a conditional request. */
  default FetchResult fetch(String url, Validators validators) throws FetchException, InterruptedException {
    return fetch(url, validators, Accepts.HTML);
  }

  /**
   * Fetches a document of the kind {@code accepts} names; a feed comes back as bytes only
   * ({@link FetchResult#body()} is null), since an XML document declares its own encoding.
   */
  default FetchResult fetch(String url, Validators validators, Accepts accepts) throws FetchException, InterruptedException {
    return fetch(url, validators, accepts, Deadline.NONE);
  }

  /**
   * As {@link #fetch(String, Validators, Accepts)}, with every attempt, redirect and wait between
   * retries ending by {@code deadline}: once it has passed, no retry is made and the fetch fails
   * with a problem naming the budget.
   */
  FetchResult fetch(String url, Validators validators, Accepts accepts, Deadline deadline) throws FetchException, InterruptedException;

  /** The longest a single request may take (the client's call timeout; zero when it has none). */
  Duration callTimeout();
}
