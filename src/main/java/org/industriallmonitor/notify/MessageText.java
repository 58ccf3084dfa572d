package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Human-readable forms of events for mail and chat: a one-line subject, plain text and HTML.
 * Everything that came from the site is escaped in HTML and stripped of line breaks in subjects.
 */
public final class MessageText {
  private static final int MAX_SUBJECT = 200;

  private MessageText() {}

  /** {@code [IndustriALL] COUNTRIES: TITLE}, and the like for monitor events. */
  public static String subject(JsonNode event) {
    String text = switch (Event.of(event)) {
      case ARTICLE_NEW -> join(event.path("countries")) + ": " + event.path("title").asText();
      case ARTICLE_UPDATED -> "updated: " + join(event.path("countries")) + ": " + event.path("title").asText();
      case ARTICLE_REMOVED -> "withdrawn: " + join(event.path("countries")) + ": " + event.path("title").asText();
      case MONITOR_ALERT -> switch (event.path("kind").asText()) {
        case "source" -> "monitor alert: the early warning (" + event.path("source").asText() + ") cannot be read";
        case "disk" -> "monitor alert: too little free space for " + event.path("folder").asText() + "; nothing is fetched";
        case "site_moved" -> "monitor alert: the site moved to " + event.path("to").asText() + "; write " + event.path("yaml").asText();
        case "region_moved" -> "monitor alert: " + event.path("country").asText() + " moved to region " + event.path("new_region").asInt()
            + " on the site; write " + event.path("yaml").asText();
        case "layout" -> "monitor alert: " + event.path("country").asText() + ": the page layout changed";
        case "layout_repaired" -> "monitor alert: " + event.path("country").asText() + ": the layout changed and was repaired";
        default -> "monitor alert: " + event.path("country").asText() + ": " + event.path("consecutive_failures").asInt()
            + " failed crawls in a row";
      };
      case MONITOR_RECOVERED -> switch (event.path("kind").asText()) {
        case "source" -> "monitor recovered: the early warning (" + event.path("source").asText() + ") answers again";
        case "disk" -> "monitor recovered: there is free space again; the crawls fetch again";
        default -> "monitor recovered: " + event.path("country").asText() + " is crawled again";
      };
      default -> "test message for channel " + event.path("channel").asText();
    };
    return oneLine("[IndustriALL] " + text);
  }

  /** The subject of a digest of several events. */
  public static String digestSubject(List<JsonNode> events) {
    List<String> countries = new ArrayList<>();
    for (JsonNode e : events) {
      for (JsonNode c : e.path("countries")) {
        if (!countries.contains(c.asText())) {
          countries.add(c.asText());
        }
      }
    }
    return oneLine("[IndustriALL] " + events.size() + " new article" + (events.size() == 1 ? "" : "s")
        + (countries.isEmpty() ? "" : ": " + String.join(", ", countries)));
  }

  public static String plain(JsonNode event) {
    StringBuilder out = new StringBuilder();
    switch (Event.of(event)) {
      case ARTICLE_NEW -> out.append(event.path("title").asText()).append('\n')
          .append(join(event.path("countries"))).append(" · ").append(event.path("published").asText()).append("\n\n")
          .append(event.path("lede").asText()).append("\n\n")
          .append(snippetPlain(event))
          .append(event.path("url").asText()).append('\n')
          .append("Archived as ").append(event.path("archive_path").asText()).append('\n');
      case ARTICLE_UPDATED -> out.append(event.path("title").asText()).append('\n')
          .append(join(event.path("countries"))).append(" · ").append(event.path("published").asText()).append("\n\n")
          .append("The site changed this article after it was archived. Version ").append(event.path("version").asInt())
          .append(" is archived as ").append(event.path("archive_path").asText()).append(", beside ")
          .append(event.path("previous_archive_path").asText()).append(".\n\n")
          .append(event.path("url").asText()).append("\n\n")
          .append(event.path("diff").asText());
      case ARTICLE_REMOVED -> out.append(event.path("title").asText()).append('\n')
          .append(join(event.path("countries"))).append(" · ").append(event.path("published").asText()).append("\n\n")
          .append("The site no longer has this article (HTTP ").append(event.path("status").asInt()).append(" at ")
          .append(event.path("url").asText()).append("). Its archived texts stay: ")
          .append(event.path("archive_path").asText()).append('\n');
      case MONITOR_ALERT -> {
        if (event.path("kind").asText().equals("source")) {
          out.append("The monitor cannot read its early-warning source ").append(event.path("url").asText())
              .append(". Until it can, new articles are found by the walks of each country, at their schedule.\n\n");
        } else if (event.path("kind").asText().equals("disk")) {
          out.append("The monitor fetches nothing: too little free space for ").append(event.path("folder").asText())
              .append(". What was not fetched is found once there is room.\n\n");
        } else if (event.path("kind").asText().equals("site_moved")) {
          out.append("The site moved: ").append(event.path("from").asText()).append(" redirects permanently to ")
              .append(event.path("to").asText()).append(". The monitor follows it; nothing is lost or archived twice.\n\n");
        } else if (event.path("kind").asText().equals("region_moved")) {
          out.append("The site lists ").append(event.path("country").asText()).append(" under region ")
              .append(event.path("new_region").asInt()).append(" now, not ").append(event.path("old_region").asInt())
              .append(". The monitor follows it there and keeps its state; nothing is lost or archived twice.\n\n");
        } else {
          out.append("The monitor cannot crawl ").append(event.path("country").asText())
              .append(" (region ").append(event.path("region").asInt()).append(").\n\n");
        }
        out.append(event.path("problem").asText()).append('\n');
      }
      case MONITOR_RECOVERED -> {
        if (event.path("kind").asText().equals("source")) {
          out.append("The early-warning source ").append(event.path("url").asText()).append(" answers again.\n");
        } else if (event.path("kind").asText().equals("disk")) {
          out.append("There is free space again: the crawls fetch again.\n");
        } else {
          out.append(event.path("country").asText()).append(" (region ")
              .append(event.path("region").asInt()).append(") is crawled successfully again.\n");
        }
      }
      default -> out.append(event.path("message").asText()).append('\n');
    }
    return out.toString();
  }

  public static String html(JsonNode event) {
    if (Event.of(event) != Event.ARTICLE_NEW) {
      return "<p>" + escape(plain(event)).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p>";
    }
    return "<h2><a href=\"" + escape(event.path("url").asText()) + "\">" + escape(event.path("title").asText()) + "</a></h2>"
        + "<p><small>" + escape(join(event.path("countries"))) + " · " + escape(event.path("published").asText()) + "</small></p>"
        + "<p>" + escape(event.path("lede").asText()) + "</p>"
        + snippetHtml(event)
        + "<p><small>Archived as " + escape(event.path("archive_path").asText()) + "</small></p>";
  }

  /**
   * What the channel's {@code match} found, as a paragraph: the matched words between {@code **}, the site's own
   * stars and backslashes as the site wrote them; nothing without it.
   */
  static String snippetPlain(JsonNode event) {
    String snippet = event.path("snippet").asText("");
    return snippet.isBlank() ? "" : "Matched: " + Snippets.render(snippet, UnaryOperator.identity(), Snippets.MARK, Snippets.MARK) + "\n\n";
  }

  /** The same in HTML: the matched words bold, the rest escaped. */
  static String snippetHtml(JsonNode event) {
    String snippet = event.path("snippet").asText("");
    return snippet.isBlank() ? "" : "<p><small>Matched:</small> " + Snippets.render(snippet, MessageText::escape, "<b>", "</b>") + "</p>";
  }

  /**
   * A digest's events under the country each is filed under ({@code filings}, one per event; where null, its first
   * country), the countries in the order their first event comes ({@code DigestBatching} puts them in the
   * configured order, newest first inside).
   */
  static Map<String, List<JsonNode>> byCountry(List<JsonNode> events, List<DigestCountries.Filing> filings) {
    Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      groups.computeIfAbsent(filing(events.get(i), filings, i).country(), c -> new ArrayList<>()).add(events.get(i));
    }
    return groups;
  }

  /** Where a digest files event {@code i}: its filing, or when it has none its first country. */
  static DigestCountries.Filing filing(JsonNode event, List<DigestCountries.Filing> filings, int i) {
    DigestCountries.Filing filing = i < filings.size() ? filings.get(i) : null;
    return filing != null ? filing : DigestCountries.NONE.filing(event);
  }

  /** The filings of a digest's deliveries, in their order (null for one without). */
  static List<DigestCountries.Filing> filings(List<Delivery> deliveries) {
    List<DigestCountries.Filing> filings = new ArrayList<>();
    deliveries.forEach(d -> filings.add(d.filing()));
    return filings;
  }

  /** The country an article is filed under in a digest: its first; "" for none. */
  static String firstCountry(JsonNode event) {
    return event.path("countries").path(0).asText("");
  }

  /** A digest group's heading: its country, or a word for articles of none. */
  static String heading(String country) {
    return country.isEmpty() ? "Other articles" : country;
  }

  /** The plain text of a digest: a heading per country, under it each article as {@link #plain} writes it. */
  static String digestPlain(List<JsonNode> events) {
    return digestPlain(events, List.of());
  }

  /** As {@link #digestPlain(List)}, each event filed as {@code filings} says (see {@link #byCountry}). */
  static String digestPlain(List<JsonNode> events, List<DigestCountries.Filing> filings) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<JsonNode>> group : byCountry(events, filings).entrySet()) {
      String heading = heading(group.getKey());
      out.append(out.length() == 0 ? "" : "\n").append(heading).append('\n').append("=".repeat(heading.length())).append("\n\n");
      boolean first = true;
      for (JsonNode event : group.getValue()) {
        out.append(first ? "" : "\n----\n\n").append(plain(event));
        first = false;
      }
    }
    return out.toString();
  }

  /** The HTML of a digest: a heading per country, under it each article as {@link #html} writes it. */
  static String digestHtml(List<JsonNode> events) {
    return digestHtml(events, List.of());
  }

  /** As {@link #digestHtml(List)}, each event filed as {@code filings} says (see {@link #byCountry}). */
  static String digestHtml(List<JsonNode> events, List<DigestCountries.Filing> filings) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<JsonNode>> group : byCountry(events, filings).entrySet()) {
      out.append("<h1>").append(escape(heading(group.getKey()))).append("</h1>");
      group.getValue().forEach(event -> out.append(html(event)));
    }
    return out.toString();
  }

  /** A chat message: the subject line and the link. */
  public static String chat(JsonNode event) {
    String url = event.path("url").asText("");
    return subject(event) + (url.isEmpty() ? "" : "\n" + url);
  }

  /** Replaces line breaks and other control characters by spaces and bounds the length. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 ? ' ' : cp));
    String folded = out.toString().replaceAll(" {2,}", " ").trim();
    return folded.length() <= MAX_SUBJECT ? folded : folded.substring(0, MAX_SUBJECT - 1) + "…";
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String join(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return String.join(", ", values);
  }
}
