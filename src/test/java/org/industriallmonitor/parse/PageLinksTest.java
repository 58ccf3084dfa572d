package org.industriallmonitor.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageLinksTest {
  private static final List<String> HREFS = List.of(
      "https://www.industriall-union.org/kyrgyzstan-miners-win-wage-rise",
      "/fr/les-mineurs-kirghizes",
      "kyrgyzstan-miners",
      "./kyrgyzstan-miners",
      "../kyrgyzstan-miners",
      "/./kyrgyzstan-miners",
      "?regions=169&from=10",
      "#main",
      "//www.industriall-union.org/es/mineros",
      "http://example.org:8080/a/b?c=d#e",
      "/path with spaces/é",
      "mailto:press@industriall-union.org",
      "tel:+41223085050",
      "javascript:void(0)",
      " /padded ",
      "/tab\tinside",
      "\n/newline-first",
      "");

  @ParameterizedTest
  @ValueSource(strings = {"https://www.industriall-union.org/search?regions=364&language=en", "http://127.0.0.1:8080/a/b/",
      "https://www.industriall-union.org", "not a url", "https://www.industriall-union.org/x\ty"})
  void givesWhatJsoupsAbsUrlGivesForEveryKindOfLink(String pageUrl) {
    StringBuilder html = new StringBuilder("<body>");
    for (String href : HREFS) {
      html.append("<a href=\"").append(href.replace("\"", "&quot;")).append("\">x</a>");
    }
    html.append("<a>no href</a></body>");
    Document doc = Jsoup.parse(html.toString(), pageUrl);
    PageLinks links = new PageLinks(doc);

    for (Element a : doc.select("a")) {
      assertEquals(a.absUrl("href"), links.href(a), () -> "href '" + a.attr("href") + "' on " + pageUrl);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fr/article", "https://other.example/x"})
  void followsABaseElementOfThePage(String href) {
    Document doc = Jsoup.parse("<head><base href=\"https://www.industriall-union.org/fr/\"></head><body><a href=\"" + href
        + "\">x</a></body>", "https://www.industriall-union.org/search");
    Element a = doc.selectFirst("a");
    assertEquals(a.absUrl("href"), new PageLinks(doc).href(a));
  }
}
