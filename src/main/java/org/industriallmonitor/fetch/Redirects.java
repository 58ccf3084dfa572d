package org.industriallmonitor.fetch;

import java.util.function.Predicate;
import okhttp3.HttpUrl;

/**
 * Where the fetcher's requests go and which redirects it follows. The site decides (it knows its base
 * address, and whether the site moved); the fetcher only asks.
 */
public interface Redirects {
  /** The address to request for {@code url}: {@code url} itself, or the same page where the site has moved to. */
  HttpUrl route(HttpUrl url);

  /**
   * Whether to follow one hop of a redirect. {@code permanentSoFar}: every hop of the chain up to and including
   * this one answered 301 or 308, so a move it shows is one the site means to keep.
   */
  boolean follow(Hop hop);

  /**
   * The same page where the site moved, without asking the configured base whether it still redirects (as
   * {@link #route} does once in a while): where a request that went to the configured base is asked again when the
   * old host failed. {@code url} itself when the site did not move.
   */
  default HttpUrl relocated(HttpUrl url) {
    return url;
  }

  /**
   * The request that went to {@code start} was answered (2xx, or 304) at {@code at} with {@code page}: {@code start}
   * itself when no redirect was met. Where the site answers for itself, a move it made before may be over. False when
   * the answer is not the site's (a parking page at a base the site left): the fetcher asks {@link #relocated}.
   */
  default boolean answered(HttpUrl start, HttpUrl at, FetchResult page) {
    return true;
  }

  /** One redirect: the request of the chain's start was answered at {@code from} with {@code status} towards {@code target}. */
  record Hop(HttpUrl start, HttpUrl from, HttpUrl target, int status, boolean permanentSoFar) {
    public boolean permanent() {
      return status == 301 || status == 308;
    }
  }

  /** Requests go where they are asked to; a redirect is followed when its target is on the site. */
  static Redirects onSite(Predicate<HttpUrl> onSite) {
    return new Redirects() {
      @Override
      public HttpUrl route(HttpUrl url) {
        return url;
      }

      @Override
      public boolean follow(Hop hop) {
        return onSite.test(hop.target());
      }
    };
  }
}
