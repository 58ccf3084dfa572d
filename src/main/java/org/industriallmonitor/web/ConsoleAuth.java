package org.industriallmonitor.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use the console. Without a token (loopback only), anyone on this machine. With one,
 * a request needs {@code Authorization: Bearer TOKEN} or the session cookie that the login form
 * gives for it. Every form that changes something carries this daemon's CSRF token.
 */
final class ConsoleAuth {
  static final String COOKIE = "im_session";

  private final byte[] token;
  private final Set<String> sessions = ConcurrentHashMap.newKeySet();
  private final String csrf;
  private final SecureRandom random = new SecureRandom();

  ConsoleAuth(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.csrf = randomToken();
  }

  boolean required() {
    return token != null;
  }

  /** Whether a request with these headers (either may be null) may be answered. */
  boolean allows(String authorization, String cookies) {
    if (token == null) {
      return true;
    }
    if (authorization != null && authorization.startsWith("Bearer ") && matches(authorization.substring("Bearer ".length()).strip())) {
      return true;
    }
    return session(cookies).map(sessions::contains).orElse(false);
  }

  /** A new session for a correct token typed into the login form; empty for a wrong one. */
  Optional<String> login(String typed) {
    if (token == null || typed == null || !matches(typed.strip())) {
      return Optional.empty();
    }
    String session = randomToken();
    sessions.add(session);
    return Optional.of(session);
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
}
