package org.industriallmonitor.fetch;

/** Fetches pages of the site. */
public interface PageFetcher {
  /** Fetches an HTML page, sending {@code validators} for a conditional request. */
  FetchResult fetch(String url, Validators validators) throws FetchException, InterruptedException;
}
