package org.industriallmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The body is the article's when it is in no sidebar, menu, header or footer, and follows the lede closely. */
class MainContentTest {
  private static final String MENU = "<aside class=\"menu\"><ul>" + "<li>A long menu entry of the site's navigation</li>".repeat(12)
      + "</ul></aside>";

  private static Document page(String between) {
    return Jsoup.parse("<html><body><h1>Title</h1>" + between + "<main><p class=\"lede\">The lede.</p>"
        + "<div class=\"article-body\"><p>The body.</p></div></main><aside><div class=\"widget\"><p>Other text.</p></div></aside>"
        + "</body></html>");
  }

  @Test
  void aMenuOrSidebarBetweenTheTitleAndTheBodyIsNoTextBetweenThem() {
    Document page = page(MENU);

    assertThat(MainContent.problem(page.selectFirst(".article-body"), page.selectFirst("h1"), "title")).isEmpty();
    assertThat(MainContent.problem(page.selectFirst(".article-body"), page.selectFirst(".lede"), "lede")).isEmpty();
  }

  @Test
  void aBodyInASidebarOrFarFromTheLedeIsNotTheArticles() {
    Document page = page("");
    assertThat(MainContent.problem(page.selectFirst(".widget"), page.selectFirst(".lede"), "lede")).hasValueSatisfying(p ->
        assertThat(p).contains("inside <aside>"));

    Document far = Jsoup.parse("<main><p class=\"lede\">The lede.</p><p>" + "Related: another article's long teaser. ".repeat(8)
        + "</p><div class=\"article-body\"><p>The body.</p></div></main>");
    assertThat(MainContent.problem(far.selectFirst(".article-body"), far.selectFirst(".lede"), "lede")).hasValueSatisfying(p ->
        assertThat(p).contains("not next to the article's lede"));
  }
}
