package org.industriallmonitor.web;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the console. Without a token (loopback only), anyone on this machine. With one,
 * a request needs {@code Authorization: Bearer TOKEN} (the scheme in any case) or the session
 * cookie that the login form gives for it. Every form that changes something carries this
 * daemon's CSRF token.
 *
 * <p>A wrong token, typed or sent, is logged (not what was typed) and counted against its address
 * by a {@link SignInLimiter}: past the limit, sign-ins from there are refused unread for a while.
 * A session ends after {@link #SESSION_IDLE} unused or {@link #SESSION_LIFETIME} after its sign-in;
 * beyond {@link #MAX_SESSIONS}, the least recently used ends.
 */
final class ConsoleAuth {
  private static final Logger log = LoggerFactory.getLogger(ConsoleAuth.class);
  static final String COOKIE = "im_session";
  static final Duration SESSION_IDLE = Duration.ofHours(12);
  static final Duration SESSION_LIFETIME = Duration.ofDays(30);
  static final int MAX_SESSIONS = 100;

  /** What a request's credentials get: an answer, a refusal, or a wait (throttled). */
  record Decision(boolean allowed, Optional<Duration> retryAfter) {
    static final Decision ALLOWED = new Decision(true, Optional.empty());
    static final Decision REFUSED = new Decision(false, Optional.empty());
  }

  /** A sign-in by the form: a new session, a refusal, or a wait (throttled). */
  record SignIn(Optional<String> session, Optional<Duration> retryAfter) {}

  private final byte[] token;
  private final Clock clock;
  private final SignInLimiter limiter;
  /** Session id to when it began and was last used, least recently used first. */
  private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
  private final String csrf;
  private final SecureRandom random = new SecureRandom();

  ConsoleAuth(Optional<String> token, Clock clock) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.clock = clock;
    this.limiter = new SignInLimiter(clock);
    this.csrf = randomToken();
  }

  boolean required() {
    return token != null;
  }

  /** Whether a request from {@code from} with these headers (either may be null) may be answered. */
  Decision allows(String authorization, String cookies, InetAddress from) {
    if (token == null) {
      return Decision.ALLOWED;
    }
    if (session(cookies).map(this::sessionValid).orElse(false)) {
      return Decision.ALLOWED;
    }
    Optional<String> bearer = bearer(authorization);
    if (bearer.isEmpty()) {
      return Decision.REFUSED;
    }
    Optional<Duration> wait = limiter.waitFor(from);
    if (wait.isPresent()) {
      return new Decision(false, wait);
    }
    if (matches(bearer.get())) {
      return Decision.ALLOWED;
    }
    failed(from, "an Authorization header");
    return Decision.REFUSED;
  }

  /** A new session for a correct token typed into the login form from {@code from}. */
  SignIn login(String typed, InetAddress from) {
    Optional<Duration> wait = limiter.waitFor(from);
    if (wait.isPresent()) {
      return new SignIn(Optional.empty(), wait);
    }
    if (token == null || typed == null || !matches(typed.strip())) {
      failed(from, "the login form");
      return new SignIn(Optional.empty(), Optional.empty());
    }
    String session = randomToken();
    Instant now = clock.instant();
    synchronized (sessions) {
      sessions.values().removeIf(s -> s.over(now));
      while (sessions.size() >= MAX_SESSIONS) {
        String eldest = sessions.keySet().iterator().next();
        sessions.remove(eldest);
      }
      sessions.put(session, new Session(now, now));
    }
    return new SignIn(Optional.of(session), Optional.empty());
  }

  /** The Set-Cookie value of a session: not readable by scripts, never sent by another site's page. */
  static String cookie(String session) {
    return COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Strict";
  }

  String csrfToken() {
    return csrf;
  }

  boolean csrfMatches(String sent) {
    return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8));
  }

  private void failed(InetAddress from, String how) {
    String address = from.getHostAddress();
    if (limiter.failed(from)) {
      log.warn("web console: failed sign-in from {} by {}; sign-ins from there are throttled now (one more each {} s)", address, how,
          SignInLimiter.REFILL.toSeconds());
    } else {
      log.warn("web console: failed sign-in from {} by {}", address, how);
    }
  }

  private boolean sessionValid(String id) {
    Instant now = clock.instant();
    synchronized (sessions) {
      Session s = sessions.get(id);
      if (s == null) {
        return false;
      }
      if (s.over(now)) {
        sessions.remove(id);
        return false;
      }
      sessions.put(id, new Session(s.began(), now));
      return true;
    }
  }

  /** The token of {@code Bearer TOKEN}, the scheme in any case (RFC 7235); empty for no header or another scheme. */
  private static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return Optional.empty();
    }
    return Optional.of(value.substring(space + 1).strip());
  }

  private boolean matches(String typed) {
    // Constant time: how much of a guess was right must not show in how long the answer takes.
    return MessageDigest.isEqual(typed.getBytes(StandardCharsets.UTF_8), token);
  }

  private static Optional<String> session(String cookies) {
    if (cookies == null) {
      return Optional.empty();
    }
    for (String part : cookies.split(";")) {
      String p = part.strip();
      if (p.startsWith(COOKIE + "=")) {
        return Optional.of(p.substring(COOKIE.length() + 1));
      }
    }
    return Optional.empty();
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private record Session(Instant began, Instant lastUsed) {
    boolean over(Instant now) {
      return !now.isBefore(lastUsed.plus(SESSION_IDLE)) || !now.isBefore(began.plus(SESSION_LIFETIME));
    }
  }
}
