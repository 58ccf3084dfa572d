package org.industriallmonitor.fetch;

/**
 * The host's robots.txt cannot be read (5xx, 429, unreachable, after retries), so nothing on the
 * host may be fetched for now (RFC 9309). Every page of the host fails alike: a crawl stops at
 * the first one and reports it once.
 */
public final class RobotsUnavailableException extends FetchException {
  public RobotsUnavailableException(String url, String problem) {
    super(url, problem, false, null);
  }
}
