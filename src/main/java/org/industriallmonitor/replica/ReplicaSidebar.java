package org.industriallmonitor.replica;

import static org.industriallmonitor.replica.ReplicaPages.text;

import java.util.List;

/**
 * A sidebar widget on article pages, in every theme: the markup of a site whose sidebar once held a
 * copy of the article's body and later other text ({@code <aside class="sidebar">} with a
 * {@code div.widget-content}, nested deeper than the article's body). A learner that takes it for
 * the body verifies byte for byte while the copy lasts, then reads the widget's text as the article.
 */
public enum ReplicaSidebar {
  /** No such widget (the themes as they are). */
  NONE,
  /** The widget holds a copy of the article's body paragraphs. */
  BODY_COPY,
  /** The widget holds another article's paragraphs, the same on every page. */
  OTHER_TEXT,
  /**
   * No aside: a box inside {@code main}, after the article, holds a copy of the body. Nothing in the
   * markup says which of the two is the article's.
   */
  BODY_COPY_IN_MAIN,
  /** The same box inside {@code main}, holding {@link #OTHER_TEXT}'s paragraphs: no aside, only its place tells it apart. */
  OTHER_TEXT_IN_MAIN,
  /**
   * Repeated widgets inside {@code main}, after the article: two {@code div.card} boxes, the first
   * with a copy of the body, the second with {@link #OTHER_TEXT}'s paragraphs.
   */
  BODY_COPY_IN_CARDS;

  /** A box inside main (BODY_COPY_IN_CARDS, rendered apart, is inside main too). */
  private boolean inMain() {
    return this == BODY_COPY_IN_MAIN || this == OTHER_TEXT_IN_MAIN;
  }

  /** {@code html}, an article page of any theme, with the widget after its {@code </main>} (the boxes and cards: just before it). */
  public String apply(String html, ReplicaCatalog catalog, ReplicaArticle article) {
    int main = html.indexOf("</main>");
    if (this == NONE || main < 0) {
      return html;
    }
    if (this == BODY_COPY_IN_CARDS) {
      StringBuilder cards = new StringBuilder("<div class=\"cards\">\n");
      for (List<String> card : List.of(article.paragraphs(), otherText(catalog, article))) {
        cards.append("<div class=\"card\">\n");
        card.forEach(paragraph -> cards.append("<p>").append(text(paragraph)).append("</p>\n"));
        cards.append("</div>\n");
      }
      return html.substring(0, main) + cards.append("</div>\n") + html.substring(main);
    }
    List<String> paragraphs = this == OTHER_TEXT || this == OTHER_TEXT_IN_MAIN ? otherText(catalog, article) : article.paragraphs();
    StringBuilder widget = new StringBuilder(inMain() ? "<div class=\"box\"><div class=\"box-content\">\n"
        : "\n<aside class=\"sidebar\"><section class=\"widget\"><div class=\"widget-body\"><div class=\"widget-content\">\n");
    for (String paragraph : paragraphs) {
      widget.append("<p>").append(text(paragraph)).append("</p>\n");
    }
    widget.append(inMain() ? "</div></div>\n" : "</div></div></section></aside>\n");
    int at = inMain() ? main : main + "</main>".length();
    return html.substring(0, at) + widget + html.substring(at);
  }

  /** The paragraphs the widget shows with {@link #OTHER_TEXT}: the newest other article's. */
  public static List<String> otherText(ReplicaCatalog catalog, ReplicaArticle article) {
    return WordPressPages.others(catalog, article, 1).get(0).paragraphs();
  }
}
