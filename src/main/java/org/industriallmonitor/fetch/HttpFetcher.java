package org.industriallmonitor.fetch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches pages over HTTP with the shared client: paced per host, conditional, retried with
 * backoff, redirects followed only on the site, bodies bounded and strictly decoded.
 */
public final class HttpFetcher implements PageFetcher {
  private static final Logger log = LoggerFactory.getLogger(HttpFetcher.class);
  private static final int MAX_REDIRECTS = 5;

  private final OkHttpClient client;
  private final HostPacer pacer;
  private final RetryPolicy retryPolicy;
  private final String userAgent;
  private final long maxBodyBytes;
  private final Redirects redirects;
  private final RobotsRules robots;
  private final Sleeper sleeper;

  public HttpFetcher(OkHttpClient client, HostPacer pacer, RetryPolicy retryPolicy, String userAgent,
      long maxBodyBytes, Predicate<HttpUrl> onSite, RobotsRules robots) {
    this(client, pacer, retryPolicy, userAgent, maxBodyBytes, Redirects.onSite(onSite), robots, Sleeper.REAL);
  }

  /** {@code sleeper} waits between attempts: real time, or a test's record of the waits. */
  public HttpFetcher(OkHttpClient client, HostPacer pacer, RetryPolicy retryPolicy, String userAgent,
      long maxBodyBytes, Predicate<HttpUrl> onSite, RobotsRules robots, Sleeper sleeper) {
    this(client, pacer, retryPolicy, userAgent, maxBodyBytes, Redirects.onSite(onSite), robots, sleeper);
  }

  /**
   * {@code redirects} says where each request goes (the site may have moved) and which redirects are followed;
   * {@code sleeper} waits between attempts: real time, or a test's record of the waits.
   */
  public HttpFetcher(OkHttpClient client, HostPacer pacer, RetryPolicy retryPolicy, String userAgent,
      long maxBodyBytes, Redirects redirects, RobotsRules robots, Sleeper sleeper) {
    this.client = client;
    this.pacer = pacer;
    this.retryPolicy = retryPolicy;
    this.userAgent = userAgent;
    this.maxBodyBytes = maxBodyBytes;
    this.redirects = redirects;
    this.robots = robots;
    this.sleeper = sleeper;
  }

  @Override
  public Duration callTimeout() {
    return Duration.ofMillis(client.callTimeoutMillis());
  }

  @Override
  public FetchResult fetch(String url, Validators validators, Accepts accepts, Deadline deadline) throws FetchException, InterruptedException {
    HttpUrl asked = HttpUrl.parse(url);
    if (asked == null) {
      throw new UnusableResponseException(url, "not a valid http(s) address");
    }
    // Straight to where the site moved, when it did: no redirect hop on every request. The robots.txt obeyed is that
    // of the host the request goes to.
    HttpUrl parsed = redirects.route(asked);
    // Once an hour a moved site's page is asked at the configured base, to see whether it still redirects: should the
    // old host fail (its robots.txt included: a retired host is gone or shuts everyone out), or answer with no page of
    // the site's, the page is asked where the site moved, at once. Only that request: one that failed at the new
    // host is no reason to ask the old one.
    HttpUrl fallback = parsed.equals(asked) ? redirects.relocated(asked) : parsed;
    if (parsed.equals(fallback)) {
      robots.check(parsed);
    } else {
      try {
        robots.check(parsed);
      } catch (FetchException e) {
        parsed = relocate(e, parsed, fallback);
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        if (deadline.passed()) {
          throw overBudget(url, deadline, null);
        }
        // The old host answers the hourly request without the new host's validators: a 304 there says nothing.
        return attempt(asked.toString(), parsed, parsed.equals(fallback) ? validators : Validators.NONE, accepts, deadline);
      } catch (FetchException e) {
        if (!parsed.equals(fallback)) {
          parsed = relocate(e, parsed, fallback);
          attempt--;
          continue;
        }
        if (!e.retryable()) {
          throw e; // an answer (404, robots.txt, not a feed, over budget already) stays what it is
        }
        if (deadline.passed()) {
          // A timeout or a server error when the time is spent: one failure, no more attempts.
          throw overBudget(url, deadline, e);
        }
        Duration retryAfter = e instanceof HttpStatusException h ? h.retryAfter() : null;
        if (attempt > retryPolicy.retries()) {
          throw e;
        }
        if (retryPolicy.tooLong(retryAfter)) {
          throw new FetchException(url, e.getMessage() + "; the server asks to wait longer than "
              + retryPolicy.longestRetryAfter().toMinutes() + " minutes, giving up for this cycle", false, e);
        }
        Duration wait = retryPolicy.backoff(attempt, retryAfter);
        if (deadline.bounded() && wait.compareTo(deadline.remaining()) >= 0) {
          throw overBudget(url, deadline, e);
        }
        log.warn("{} (attempt {} of {}); retrying in {} ms", e.getMessage(), attempt, retryPolicy.retries() + 1, wait.toMillis());
        sleeper.sleep(wait);
      }
    }
  }

  /** The hourly request to the configured base failed: the same page where the site moved, its robots.txt checked. */
  private HttpUrl relocate(FetchException failure, HttpUrl from, HttpUrl to) throws FetchException, InterruptedException {
    log.info("{} ({}); asking {} where the site moved", failure.getMessage(), from, to);
    robots.check(to);
    return to;
  }

  /** The budget of a {@link Deadline} is spent: not retryable, whatever the last attempt's problem. */
  private static FetchException overBudget(String url, Deadline deadline, FetchException last) {
    String lastProblem = last == null ? "" : " (last: " + last.getMessage() + ")";
    return new FetchException(url, "no answer within " + deadline.describe() + lastProblem + "; no more attempts", false, last);
  }

  /** {@code asked}: the address the caller asked for, which the result carries whatever host answered. */
  private FetchResult attempt(String asked, HttpUrl start, Validators validators, Accepts accepts, Deadline deadline)
      throws FetchException, InterruptedException {
    HttpUrl url = start;
    boolean permanent = true;
    for (int hops = 0; ; hops++) {
      HttpUrl target = null;
      FetchResult result = null;
      int code;
      try (HostPacer.Permit permit = pacer.acquire(url.host());
          Response response = call(url, validators, accepts, deadline).execute()) {
        code = response.code();
        if (code == 301 || code == 302 || code == 303 || code == 307 || code == 308) {
          target = redirectTarget(start, url, response, hops);
        } else {
          result = answer(asked, url, response, validators, accepts);
        }
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted while fetching " + url);
        }
        // Not interrupted by us: a read, connect or call timeout.
        throw new FetchException(url.toString(), "timed out (" + e.getMessage() + ")", true, e);
      } catch (IOException e) {
        throw new FetchException(url.toString(), "network error: " + e, true, e);
      }
      // Out of the permit: the site may record a move (or its end), and reading the target's robots.txt takes a permit of its own.
      if (result != null) {
        if (!redirects.answered(start, url, result)) {
          throw new UnusableResponseException(url.toString(), "answered with no page of the site's (no listing, no feed)");
        }
        return result;
      }
      permanent &= code == 301 || code == 308;
      if (!redirects.follow(new Redirects.Hop(start, url, target, code, permanent))) {
        throw new UnusableResponseException(start.toString(), "redirected off the site to " + target + "; not following");
      }
      robots.check(target);
      url = target;
    }
  }

  /** A call whose own timeout ends by {@code deadline} at the latest (a redirect's next hop gets what is left). */
  private Call call(HttpUrl url, Validators validators, Accepts accepts, Deadline deadline) throws FetchException {
    Call call = client.newCall(request(url, validators, accepts));
    if (deadline.bounded()) {
      long left = deadline.remaining().toMillis();
      if (left <= 0) {
        throw overBudget(url.toString(), deadline, null);
      }
      long own = client.callTimeoutMillis();
      call.timeout().timeout(own == 0 ? left : Math.min(own, left), TimeUnit.MILLISECONDS);
    }
    return call;
  }

  private Request request(HttpUrl url, Validators validators, Accepts accepts) {
    Request.Builder request = new Request.Builder().url(url).header("User-Agent", userAgent)
        .header("Accept", accepts.acceptHeader());
    if (validators.etag() != null) {
      request.header("If-None-Match", validators.etag());
    }
    if (validators.lastModified() != null) {
      request.header("If-Modified-Since", validators.lastModified());
    }
    return request.build();
  }

  private FetchResult answer(String asked, HttpUrl url, Response response, Validators validators, Accepts accepts) throws IOException, FetchException {
    int code = response.code();
    if (code == 304) {
      return FetchResult.notModified(asked, validators);
    }
    if (code == 404 || code == 410) {
      throw new PageGoneException(url.toString(), code);
    }
    if (code < 200 || code >= 300) {
      throw new HttpStatusException(url.toString(), code, RetryAfter.parse(response.header("Retry-After")));
    }
    return page(asked, url.toString(), response, accepts);
  }

  private HttpUrl redirectTarget(HttpUrl start, HttpUrl from, Response response, int redirects)
      throws UnusableResponseException {
    String location = response.header("Location");
    HttpUrl target = location == null ? null : from.resolve(location);
    if (target == null) {
      throw new UnusableResponseException(from.toString(), "redirect " + response.code() + " without a usable Location");
    }
    if (redirects >= MAX_REDIRECTS) {
      throw new UnusableResponseException(start.toString(), "more than " + MAX_REDIRECTS + " redirects");
    }
    return target;
  }

  private FetchResult page(String requestedUrl, String finalUrl, Response response, Accepts accepts) throws IOException, FetchException {
    ResponseBody body = response.body();
    MediaType type = body == null ? null : body.contentType();
    if (type != null && !accepts.takes(type)) {
      throw new UnusableResponseException(finalUrl, "content type " + type.type() + "/" + type.subtype() + " is not " + accepts.describe());
    }
    long declared = body == null ? 0 : body.contentLength();
    if (declared > maxBodyBytes) {
      throw new UnusableResponseException(finalUrl, tooLarge());
    }
    byte[] bytes = body == null ? new byte[0] : readBounded(body.source(), finalUrl);
    String text = accepts == Accepts.HTML ? PageDecoder.decode(bytes, type == null ? null : type.parameter("charset"), finalUrl) : null;
    Validators validators = new Validators(response.header("ETag"), response.header("Last-Modified"));
    return new FetchResult(requestedUrl, text, bytes, validators, false);
  }

  private byte[] readBounded(BufferedSource source, String url) throws IOException, UnusableResponseException {
    Buffer buffer = new Buffer();
    while (source.read(buffer, 64 * 1024) != -1) {
      if (buffer.size() > maxBodyBytes) {
        throw new UnusableResponseException(url, tooLarge());
      }
    }
    return buffer.readByteArray();
  }

  private String tooLarge() {
    return "the page is larger than max_body_size (" + maxBodyBytes / 1024 + " KB)";
  }
}
