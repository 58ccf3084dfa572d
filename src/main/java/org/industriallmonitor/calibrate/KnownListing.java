package org.industriallmonitor.calibrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.industriallmonitor.archive.ArchiveText;

/**
 * Listing items whose text is known: from a listing snapshot (title, and date followed by teaser)
 * or from a compact text where each item is one line, title, date and teaser run together. The
 * items of a country's listing, wherever relevance puts them: {@code region} the id they were
 * listed under when known, {@code country} the country's name when known (a migration may renumber
 * the ids, the name stays), {@code origin} where the texts come from (for the report), null when unsaid.
 */
record KnownListing(int region, String country, String origin, List<String> titles, List<String> lines) {
  private static final Pattern DATE_THEN = Pattern.compile("^\\d{1,2} \\p{L}+\\.?,? \\d{4}");

  KnownListing {
    titles = List.copyOf(titles);
    lines = List.copyOf(lines);
  }

  /** Items known to be listed under {@code region}, of a country whose name is not known. */
  KnownListing(int region, List<String> titles, List<String> lines) {
    this(region, null, null, titles, lines);
  }

  /** These items, of the country named {@code name}, their texts from {@code from}. */
  KnownListing of(String name, String from) {
    return new KnownListing(region, name, from, titles, lines);
  }

  /** What the report calls them: {@code Kazakhstan items (seed 004)}, {@code items of region 169}. */
  String label() {
    return (country == null ? "items of region " + region : country + " items") + (origin == null ? "" : " (" + origin + ")");
  }

  /** Whether {@code title} is one of these items' and the page also reads its date followed by its teaser. */
  boolean readOn(String title, Set<String> textsOnPage) {
    return titles.contains(title) && dateAndTeaser(title).map(textsOnPage::contains).orElse(false);
  }

  /** Whether an item read from a page is one of these, exactly: its title, date and teaser. */
  boolean matches(String title, String date, String teaser) {
    return lines.contains(title + "\u0000" + date + teaser) || lines.contains(title + date + teaser);
  }

  /** The date followed by the teaser of the item titled {@code title}, if it is known. */
  Optional<String> dateAndTeaser(String title) {
    for (String line : lines) {
      if (line.startsWith(title + "\u0000")) {
        return Optional.of(line.substring(title.length() + 1));
      }
      if (line.startsWith(title) && line.length() > title.length() && DATE_THEN.matcher(line.substring(title.length())).find()) {
        return Optional.of(line.substring(title.length()));
      }
    }
    return Optional.empty();
  }

  /** A listing snapshot (header, two blank lines, summary, then title / date+teaser pairs). */
  static Optional<KnownListing> ofSnapshot(int region, String text) {
    if (!text.startsWith(ArchiveText.HEADER + "\n\n\n")) {
      return Optional.empty();
    }
    String[] parts = text.substring(ArchiveText.HEADER.length() + 3).split("\n\n", -1);
    List<String> titles = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int i = 1; i + 1 < parts.length; i += 2) {
      if (!DATE_THEN.matcher(parts[i + 1]).find()) {
        return Optional.empty();
      }
      titles.add(parts[i]);
      lines.add(parts[i] + "\u0000" + parts[i + 1]);
    }
    return titles.isEmpty() ? Optional.empty() : Optional.of(new KnownListing(region, titles, lines));
  }

  /** A compact text: one item a line, its title, date and teaser run together. */
  static KnownListing ofCompact(int region, String text) {
    List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
    List<String> titles = new ArrayList<>();
    for (String line : lines) {
      var date = Pattern.compile("\\d{1,2} \\p{L}+, \\d{4}").matcher(line);
      titles.add(date.find() ? line.substring(0, date.start()) : line);
    }
    return new KnownListing(region, titles, lines);
  }
}
