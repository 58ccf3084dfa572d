package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.industriallmonitor.store.OutboxRow;
import org.junit.jupiter.api.Test;

/** A digest's articles by country, in the configured order, newest first; a match channel's snippets emphasised. */
class DigestTextTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private static String payload(String id, String title, String published, List<String> countries, String snippet) {
    return Payloads.write(Payloads.articleNew(id, new ArticleEvent("http://127.0.0.1:9/" + id, id, title, published, "Lede of " + id + ".",
        countries, List.of(), "articles/2026/" + id + ".txt", false, T0), snippet));
  }

  private static OutboxRow row(long n, String event, String payload) {
    return new OutboxRow(n, "d-" + n, "desk", event, "s", payload, "pending", 0, T0, T0, null);
  }

  private static List<OutboxRow> rows() {
    return List.of(
        row(1, "article.new", payload("kg-old", "Old in Kyrgyzstan", "2026-11-01", List.of("Kyrgyzstan"), "the **cobalt** mine")),
        row(2, "article.new", payload("kz", "In Kazakhstan", "2026-11-15", List.of("Kazakhstan", "Kyrgyzstan"), "")),
        row(3, "monitor.alert", Payloads.write(Payloads.monitorAlert("m", "Kyrgyzstan", 364, "crawl", 3, "down", T0))),
        row(4, "article.new", payload("kg-new", "New in Kyrgyzstan", "2026-11-20", List.of("Kyrgyzstan"), "")),
        row(5, "article.new", payload("ge", "In Georgia", "2026-11-30", List.of("Georgia"), "")));
  }

  @Test
  void aDigestListsItsArticlesByCountryInTheConfiguredOrderNewestFirst() {
    List<List<OutboxRow>> messages = DigestBatching.messages(rows(), true, List.of("Kyrgyzstan", "Kazakhstan"));

    assertThat(messages).hasSize(2);
    assertThat(messages.get(0)).extracting(OutboxRow::deliveryId).as("configured countries first, one not configured after")
        .containsExactly("d-4", "d-1", "d-2", "d-5");
    assertThat(messages.get(1)).extracting(OutboxRow::event).containsExactly("monitor.alert");
    assertThat(DigestBatching.messages(rows(), false, List.of("Kyrgyzstan"))).as("no digest: one by one, in order")
        .extracting(m -> m.get(0).deliveryId()).containsExactly("d-1", "d-2", "d-3", "d-4", "d-5");
  }

  @Test
  void theChatDigestHasAHeadingPerCountryAndTheMatchedWordsBoldWhereTheServiceHasBold() {
    List<JsonNode> events = DigestBatching.messages(rows(), true, List.of("Kyrgyzstan", "Kazakhstan")).get(0).stream()
        .map(r -> Payloads.parse(r.payload())).toList();

    ChatMessage digest = ChatMessage.digest(events);

    assertThat(digest.plain()).isEqualTo("4 new articles: Kyrgyzstan, Kazakhstan, Georgia\n\n"
        + "Kyrgyzstan\n"
        + "• New in Kyrgyzstan http://127.0.0.1:9/kg-new\n"
        + "• Old in Kyrgyzstan http://127.0.0.1:9/kg-old\n  the **cobalt** mine\n\n"
        + "Kazakhstan\n"
        + "• In Kazakhstan (also Kyrgyzstan) http://127.0.0.1:9/kz\n\n"
        + "Georgia\n"
        + "• In Georgia http://127.0.0.1:9/ge");
    assertThat(digest.html("<br>")).contains("the <b>cobalt</b> mine").doesNotContain("**");
    assertThat(digest.markdown()).contains("the **cobalt** mine");
    assertThat(digest.textMarkdown()).contains("• New in Kyrgyzstan http://127.0.0.1:9/kg\\-new");
  }

  @Test
  void aSingleChatMessageOfAMatchChannelShowsWhatMatchedUnderTheLede() {
    ChatMessage one = ChatMessage.of(Payloads.parse(payload("kg", "T", "2026-11-01", List.of("Kyrgyzstan"), "the **cobalt** mine")));
    ChatMessage plain = ChatMessage.of(Payloads.parse(payload("kg", "T", "2026-11-01", List.of("Kyrgyzstan"), "")));

    assertThat(one.plain()).contains("Lede of kg.\n\nMatched: the **cobalt** mine");
    assertThat(one.html("\n")).contains("Matched: the <b>cobalt</b> mine");
    assertThat(one.markdown()).contains("Matched: the **cobalt** mine");
    assertThat(plain.text()).isEqualTo("Lede of kg.");
  }

  @Test
  void aDigestCutToALengthLimitNeverLeavesItsEmphasisOpen() {
    ChatMessage digest = ChatMessage.digest(List.of(Payloads.parse(payload("kg", "T", "2026-11-01", List.of("Kyrgyzstan"),
        "the **cobalt** mine"))));
    String cut = digest.fit(m -> m.html("\n"), digest.html("\n").indexOf("cobalt") + 2, String::length);

    assertThat(cut).endsWith("…").doesNotContain("cobalt").contains("the…");
    assertThat(cut.split("<b>", -1).length).as("every bold closed").isEqualTo(cut.split("</b>", -1).length);
  }

  @Test
  void theDigestMailHasAHeadingPerCountryInTextAndHtml() {
    List<JsonNode> events = DigestBatching.messages(rows(), true, List.of("Kyrgyzstan", "Kazakhstan")).get(0).stream()
        .map(r -> Payloads.parse(r.payload())).toList();

    String text = MessageText.digestPlain(events);
    String html = MessageText.digestHtml(events);

    assertThat(text).startsWith("Kyrgyzstan\n==========\n\nNew in Kyrgyzstan\n")
        .contains("\n----\n\nOld in Kyrgyzstan\n").contains("Matched: the **cobalt** mine")
        .contains("\nKazakhstan\n==========\n\nIn Kazakhstan\n").contains("\nGeorgia\n=======\n\nIn Georgia\n");
    assertThat(text.indexOf("Kazakhstan\n===")).isLessThan(text.indexOf("Georgia\n==="));
    assertThat(html).startsWith("<h1>Kyrgyzstan</h1><h2>").contains("<b>cobalt</b>").contains("<h1>Kazakhstan</h1>")
        .contains("<h1>Georgia</h1>");
  }

  @Test
  void aDigestFilesEachArticleUnderItsFirstConfiguredCountryByNameOrAliasUnderTheConfiguredName() {
    DigestCountries countries = new DigestCountries(List.of(new DigestCountries.Country("Kyrgyzstan", List.of("Kyrgyz Republic")),
        new DigestCountries.Country("Kazakhstan", List.of())));
    List<OutboxRow> rows = List.of(
        row(1, "article.new", payload("de-kz", "In Germany and Kazakhstan", "2026-11-30", List.of("Germany", "Kazakhstan"), "")),
        row(2, "article.new", payload("ge", "In Georgia", "2026-11-25", List.of("Georgia"), "")),
        row(3, "article.new", payload("kg", "In the Kyrgyz Republic", "2026-11-01", List.of("KYRGYZ REPUBLIC", "Germany"), "")));

    List<OutboxRow> digest = DigestBatching.messages(rows, true, countries).get(0);
    List<Delivery> deliveries = digest.stream().map(r -> ChannelSender.delivery(r, true, countries)).toList();
    List<JsonNode> events = deliveries.stream().map(d -> Payloads.parse(d.payload())).toList();
    String text = MessageText.digestPlain(events, MessageText.filings(deliveries));
    String html = MessageText.digestHtml(events, MessageText.filings(deliveries));
    ChatMessage chat = ChatChannels.message(deliveries);

    assertThat(digest).extracting(OutboxRow::deliveryId).as("an alias in its country's place; a country not configured last")
        .containsExactly("d-3", "d-1", "d-2");
    assertThat(text).startsWith("Kyrgyzstan\n==========\n\nIn the Kyrgyz Republic\n")
        .contains("\nKazakhstan\n==========\n\nIn Germany and Kazakhstan\n").contains("\nGeorgia\n=======\n\nIn Georgia\n")
        .doesNotContain("Germany\n===").doesNotContain("KYRGYZ REPUBLIC\n===");
    assertThat(html).startsWith("<h1>Kyrgyzstan</h1>").contains("<h1>Kazakhstan</h1>").doesNotContain("<h1>Germany</h1>");
    assertThat(chat.plain()).isEqualTo("3 new articles: KYRGYZ REPUBLIC, Germany, Kazakhstan, Georgia\n\n"
        + "Kyrgyzstan\n"
        + "• In the Kyrgyz Republic (also Germany) http://127.0.0.1:9/kg\n\n"
        + "Kazakhstan\n"
        + "• In Germany and Kazakhstan (also Germany) http://127.0.0.1:9/de-kz\n\n"
        + "Georgia\n"
        + "• In Georgia http://127.0.0.1:9/ge");
  }
}
