package org.industriallmonitor.fetch;

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
  FetchResult fetch(String url, Validators validators, Accepts accepts) throws FetchException, InterruptedException;
}
