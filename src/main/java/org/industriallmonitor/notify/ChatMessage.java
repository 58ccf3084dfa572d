package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What a chat message says, in the words of {@link MessageText}: a headline, a line of
 * countries and date, a text (an article's lede, or what a monitor alert means) and a link, and
 * its renderings for each service's format, cut to the service's length limit with an ellipsis,
 * always before escaping, so that no escape is ever cut in two.
 */
public record ChatMessage(String headline, String meta, String text, String url) {
  private static final String PREFIX = "[IndustriALL] ";
  /** Mark the words a channel's match found in {@link #text}, for each format to show as its emphasis; never site text. */
  static final char EMPHASIS_START = '\u0002';
  static final char EMPHASIS_END = '\u0003';

  /** The message of one event. */
  public static ChatMessage of(JsonNode event) {
    String subject = MessageText.subject(event);
    String headline = subject.startsWith(PREFIX) ? subject.substring(PREFIX.length()) : subject;
    String url = event.path("url").asText("");
    String meta = event.has("published") ? MessageText.join(event.path("countries")) + " · " + event.path("published").asText() : "";
    String text = switch (Event.of(event)) {
      case ARTICLE_NEW -> plainText(event.path("lede").asText()) + matched(event, "\n\nMatched: ");
      case ARTICLE_UPDATED -> "The site changed this article after it was archived: version " + event.path("version").asInt()
          + " is archived as " + event.path("archive_path").asText() + ".";
      case ARTICLE_REMOVED -> "The site no longer has this article (HTTP " + event.path("status").asInt()
          + "); its archived texts stay: " + event.path("archive_path").asText() + ".";
      default -> MessageText.plain(event).strip();
    };
    return new ChatMessage(headline, meta, text, url);
  }

  /**
   * One message for several events (a digest): a headline, then under a line per country (each article's first),
   * a line per article with its link, and for a channel with {@code match} the snippet of what it found.
   */
  public static ChatMessage digest(List<JsonNode> events) {
    return digest(events, List.of());
  }

  /** As {@link #digest(List)}, each event under the country of its filing ({@code filings}, one per event, or none). */
  static ChatMessage digest(List<JsonNode> events, List<DigestCountries.Filing> filings) {
    String subject = MessageText.digestSubject(events);
    Map<JsonNode, DigestCountries.Filing> filed = new java.util.IdentityHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      filed.put(events.get(i), MessageText.filing(events.get(i), filings, i));
    }
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, List<JsonNode>> group : MessageText.byCountry(events, filings).entrySet()) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.add(MessageText.heading(group.getKey()));
      for (JsonNode e : group.getValue()) {
        String url = e.path("url").asText("");
        List<String> others = new ArrayList<>();
        e.path("countries").forEach(c -> others.add(c.asText()));
        // The tag it is filed under goes without saying, even where the heading is the configured name of an alias.
        others.remove(filed.get(e).tag());
        String title = e.has("title") ? plainText(e.path("title").asText()) : of(e).headline();
        lines.add("• " + MessageText.oneLine(title) + (others.isEmpty() ? "" : " (also " + String.join(", ", others) + ")")
            + (url.isEmpty() ? "" : " " + url) + matched(e, "\n  "));
      }
    }
    return new ChatMessage(subject.startsWith(PREFIX) ? subject.substring(PREFIX.length()) : subject, "", String.join("\n", lines), "");
  }

  /** {@code prefix} and the snippet of what the channel's {@code match} found, its words between the emphasis marks; "" without. */
  private static String matched(JsonNode event, String prefix) {
    String snippet = event.path("snippet").asText("");
    return snippet.isBlank() ? ""
        : prefix + Snippets.render(plainText(snippet), UnaryOperator.identity(), String.valueOf(EMPHASIS_START), String.valueOf(EMPHASIS_END));
  }

  /** Site text without the characters that mark emphasis in a message's text. */
  private static String plainText(String raw) {
    return raw.replace(String.valueOf(EMPHASIS_START), "").replace(String.valueOf(EMPHASIS_END), "");
  }

  /**
   * {@code text} through {@code escape}, what lies between {@link #EMPHASIS_START} and {@link #EMPHASIS_END} between
   * {@code open} and {@code close}; a mark without its pair (a text cut to a length limit) is dropped, never left open.
   */
  static String emphasised(String text, UnaryOperator<String> escape, String open, String close) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (from < text.length()) {
      int start = text.indexOf(EMPHASIS_START, from);
      int end = start < 0 ? -1 : text.indexOf(EMPHASIS_END, start + 1);
      if (end < 0) {
        out.append(escape.apply(plainText(text.substring(from))));
        break;
      }
      out.append(escape.apply(plainText(text.substring(from, start)))).append(open)
          .append(escape.apply(plainText(text.substring(start + 1, end)))).append(close);
      from = end + 1;
    }
    return out.toString();
  }

  /** The text in Discord's Markdown: escaped, the matched words bold. */
  public String textMarkdown() {
    return emphasised(text, ChatMessage::markdownEscape, "**", "**");
  }

  /** Plain text: headline, meta, text, link, one per paragraph. */
  public String plain() {
    return join(headline, meta, emphasised(text, UnaryOperator.identity(), "**", "**"), url, UnaryOperator.identity(), "\n", "\n\n");
  }

  /** HTML for Telegram (line breaks as {@code \n}) and Matrix ({@code <br>}): the headline bold and linked. */
  public String html(String lineBreak) {
    String head = url.isEmpty() ? "<b>" + MessageText.escape(headline) + "</b>"
        : "<b><a href=\"" + MessageText.escape(url) + "\">" + MessageText.escape(headline) + "</a></b>";
    return head + (meta.isEmpty() ? "" : lineBreak + MessageText.escape(meta))
        + (text.isEmpty() ? "" : lineBreak + lineBreak + emphasised(text, MessageText::escape, "<b>", "</b>").replace("\n", lineBreak))
        + (url.isEmpty() ? "" : lineBreak + lineBreak + MessageText.escape(url));
  }

  /** Discord's Markdown: the headline bold; every character Markdown or a mention could read escaped. */
  public String markdown() {
    return join("**" + markdownEscape(headline) + "**", markdownEscape(meta), textMarkdown(), url.isEmpty() ? "" : "<" + url + ">",
        UnaryOperator.identity(), "\n", "\n\n");
  }

  /** Markdown's special characters (and {@code @}, which mentions) behind a backslash. */
  public static String markdownEscape(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 8);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ("\\*_~`|>#-[]()<@".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * The longest rendering of this message that {@code limit} allows by {@code length}: the text is
   * cut first, then the headline, each with an ellipsis; never the link.
   */
  public String fit(Function<ChatMessage, String> render, int limit, Function<String, Integer> length) {
    String full = render.apply(this);
    if (length.apply(full) <= limit) {
      return full;
    }
    ChatMessage cut = this;
    for (String field : List.of("text", "headline")) {
      String raw = field.equals("text") ? text : headline;
      int keep = raw.length();
      while (keep > 0) {
        String shorter = cutAt(raw, keep);
        cut = field.equals("text") ? new ChatMessage(cut.headline, cut.meta, shorter, cut.url) : new ChatMessage(shorter, cut.meta, cut.text, cut.url);
        String rendered = render.apply(cut);
        int over = length.apply(rendered) - limit;
        if (over <= 0) {
          return rendered;
        }
        keep = Math.min(keep - 1, keep - over);
      }
    }
    return render.apply(cut);
  }

  /** {@code raw} cut to at most {@code keep} characters, the last one an ellipsis, never inside a surrogate pair. */
  static String cutAt(String raw, int keep) {
    if (raw.length() <= keep) {
      return raw;
    }
    if (keep <= 1) {
      return "…";
    }
    int end = keep - 1;
    if (Character.isLowSurrogate(raw.charAt(end)) && end > 0) {
      end--;
    }
    return raw.substring(0, end).stripTrailing() + "…";
  }

  private static String join(String head, String meta, String text, String url, UnaryOperator<String> escape, String line,
      String paragraph) {
    StringBuilder out = new StringBuilder(escape.apply(head));
    if (!meta.isEmpty()) {
      out.append(line).append(escape.apply(meta));
    }
    if (!text.isEmpty()) {
      out.append(paragraph).append(escape.apply(text));
    }
    if (!url.isEmpty()) {
      out.append(paragraph).append(url);
    }
    return out.toString();
  }
}
