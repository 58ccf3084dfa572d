package org.industriallmonitor.calibrate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.archive.ArchiveText;

/**
 * An article page whose archive text is known exactly: a calibration reference. The text is
 * split back into its fields: title, printed date, lede and body blocks.
 */
record KnownArticle(String url, String text, String title, String date, String lede, List<String> blocks) {
  /** A printed date at the start of the date-and-lede line: {@code 6 September, 2023}, {@code 16 août, 2017}. */
  private static final Pattern PRINTED_DATE = Pattern.compile("^(\\d{1,2} \\p{L}+\\.?,? \\d{4})");

  KnownArticle {
    blocks = List.copyOf(blocks);
  }

  /** Reads an archive text of an article; empty when it is not one. */
  static Optional<KnownArticle> of(String url, String text) {
    if (!text.startsWith(ArchiveText.HEADER + "\n\n") || text.startsWith(ArchiveText.HEADER + "\n\n\n")) {
      return Optional.empty();
    }
    String[] parts = text.substring(ArchiveText.HEADER.length() + 2).split("\n\n", -1);
    if (parts.length < 3) {
      return Optional.empty();
    }
    Matcher date = PRINTED_DATE.matcher(parts[1]);
    if (!date.find()) {
      return Optional.empty();
    }
    return Optional.of(new KnownArticle(url, text, parts[0], date.group(1), parts[1].substring(date.end()),
        List.of(parts).subList(2, parts.length)));
  }
}
