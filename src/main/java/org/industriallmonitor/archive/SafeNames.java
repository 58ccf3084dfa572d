package org.industriallmonitor.archive;

import java.nio.charset.StandardCharsets;

/**
 * Turns a slug from the site into a file name that stays inside its folder whatever the site
 * sends: only ASCII letters, digits, '-', '_' and inner '.', at most {@value #MAX_LENGTH}
 * characters. A slug that had to be changed gets a short hash of the original, so that two
 * different slugs never share a file.
 */
public final class SafeNames {
  static final int MAX_LENGTH = 120;

  private SafeNames() {}

  public static String fileSlug(String slug) {
    StringBuilder out = new StringBuilder();
    boolean dash = false;
    for (int i = 0; i < slug.length() && out.length() < MAX_LENGTH; i++) {
      char c = slug.charAt(i);
      boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
      if (plain) {
        out.append(c);
        dash = false;
      } else if (!dash) {
        out.append('-');
        dash = true;
      }
    }
    String cleaned = trim(out.toString().replaceAll("\\.{2,}", "."));
    if (cleaned.equals(slug) && !cleaned.isEmpty()) {
      return cleaned;
    }
    String hash = Hashes.sha256(slug.getBytes(StandardCharsets.UTF_8)).substring(0, 10);
    return cleaned.isEmpty() ? hash : cleaned + "-" + hash;
  }

  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == '-' || s.charAt(start) == '.')) start++;
    while (end > start && (s.charAt(end - 1) == '-' || s.charAt(end - 1) == '.')) end--;
    return s.substring(start, end);
  }
}
