package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.config.NotificationsConfig;
import org.industriallmonitor.store.OutboxEntry;
import org.junit.jupiter.api.Test;

/** What a channel's match found, in its alerts: one line, the matched words between ** and rendered per medium. */
class SnippetsTest {
  private static final ArticleEvent ARTICLE = new ArticleEvent("http://127.0.0.1:9/a", "a", "Title", "2026-11-30", "Lede.",
      List.of("Kyrgyzstan"), List.of(), "articles/2026/a.txt", false, Instant.parse("2026-12-01T10:00:00Z"));

  @Test
  void theIndexMarksBecomeStarsOnOneLine() {
    assertThat(Snippets.marked("…the \u0002copper\u0003\nminers  of \u0002Kyrgyzstan\u0003…"))
        .isEqualTo("…the **copper** miners of **Kyrgyzstan**…");
    assertThat(Snippets.marked(null)).isEmpty();
  }

  @Test
  void aMarkedSnippetRendersItsWordsWithTheMediumsEmphasisAndEscapesTheRest() {
    assertThat(Snippets.render("a <b> **copper** & **zinc** x", MessageText::escape, "<b>", "</b>"))
        .isEqualTo("a &lt;b&gt; <b>copper</b> &amp; <b>zinc</b> x");
    assertThat(Snippets.render("a ** b", s -> s, "[", "]")).as("an unpaired mark stays text").isEqualTo("a ** b");
  }

  @Test
  void theSitesOwnStarsAndBackslashesAreEscapedSoEveryMediumPairsOnlyTheMatchMarks() {
    // The site's own "**Note:**", a literal star right after a match, a backslash.
    String marked = Snippets.marked("**Note:** the \u0002cobalt\u0003* mine \\ \u0002zinc\u0003");

    assertThat(marked).isEqualTo("\\*\\*Note:\\*\\* the **cobalt**\\* mine \\\\ **zinc**");
    assertThat(Snippets.render(marked, MessageText::escape, "<b>", "</b>"))
        .isEqualTo("**Note:** the <b>cobalt</b>* mine \\ <b>zinc</b>");
    assertThat(Snippets.render(marked, s -> s, "[", "]")).isEqualTo("**Note:** the [cobalt]* mine \\ [zinc]");
    assertThat(Snippets.render("a ** b", s -> s, "[", "]")).as("an unpaired mark stays text").isEqualTo("a ** b");
    assertThat(Snippets.render("\\\\**x**", s -> s, "[", "]")).as("an escaped backslash before a mark").isEqualTo("\\[x]");

    JsonNode payload = Payloads.articleNew("d", ARTICLE, marked);
    assertThat(MessageText.html(payload)).contains("**Note:** the <b>cobalt</b>* mine \\ <b>zinc</b>");
    assertThat(MessageText.plain(payload)).contains("Matched: **Note:** the **cobalt*** mine \\ **zinc**");
    ChatMessage chat = ChatMessage.of(payload);
    assertThat(chat.html("\n")).contains("**Note:** the <b>cobalt</b>* mine \\ <b>zinc</b>");
    assertThat(chat.textMarkdown()).as("Discord: the site's stars escaped, the match bold")
        .contains("\\*\\*Note:\\*\\* the **cobalt**\\* mine \\\\ **zinc**");
  }

  @Test
  void onlyAChannelWithMatchGetsASnippetFieldAndEveryOtherFieldStays() {
    Map<String, String> snippets = new LinkedHashMap<>();
    snippets.put("copper", "the \u0002copper\u0003 miners");
    snippets.put("plain", "");
    List<OutboxEntry> rows = new AlertQueue(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC))
        .articleRows(ARTICLE, snippets, NotificationsConfig.none());

    assertThat(rows).extracting(OutboxEntry::channel).containsExactly("copper", "plain");
    JsonNode matched = Payloads.parse(rows.get(0).payload());
    JsonNode plain = Payloads.parse(rows.get(1).payload());
    assertThat(matched.get("snippet").asText()).isEqualTo("the **copper** miners");
    assertThat(plain.has("snippet")).isFalse();
    List<String> fields = new java.util.ArrayList<>();
    plain.fieldNames().forEachRemaining(fields::add);
    List<String> withSnippet = new java.util.ArrayList<>();
    matched.fieldNames().forEachRemaining(withSnippet::add);
    assertThat(withSnippet).containsExactlyElementsOf(concat(fields, "snippet"));

    assertThat(MessageText.plain(matched)).contains("Matched: the **copper** miners");
    assertThat(MessageText.html(matched)).contains("<b>copper</b> miners");
    assertThat(MessageText.plain(plain)).doesNotContain("Matched");
  }

  private static List<String> concat(List<String> list, String last) {
    List<String> all = new java.util.ArrayList<>(list);
    all.add(last);
    return all;
  }
}
