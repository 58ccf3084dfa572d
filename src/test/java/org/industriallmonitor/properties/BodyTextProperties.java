package org.industriallmonitor.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.industriallmonitor.archive.Sidecar;
import org.industriallmonitor.archive.ArchiveText;
import org.industriallmonitor.archive.ArchivedText;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.BodyBlocks;
import org.industriallmonitor.parse.LayoutException;

/** Whatever the markup of a body, no text inside the body element is lost (media, scripts and captions aside), nor any added. */
class BodyTextProperties {
  /** A piece of body markup, and the text of it the archive must keep. */
  record Piece(String html, String kept) {}

  @Provide
  Arbitrary<Piece> bodies() {
    return piece(3).list().ofMaxSize(6).map(pieces -> join("", pieces));
  }

  private Arbitrary<Piece> piece(int depth) {
    Arbitrary<Piece> text = words().map(w -> new Piece(w, w));
    if (depth == 0) {
      return text;
    }
    Arbitrary<List<Piece>> children = Arbitraries.lazy(() -> piece(depth - 1)).list().ofMaxSize(4);
    return Arbitraries.frequencyOf(
        Tuple.of(5, text),
        Tuple.of(3, children.map(c -> join("p", c))),
        Tuple.of(1, children.map(c -> join("div", c))),
        Tuple.of(1, children.map(c -> join("section", c))),
        Tuple.of(1, children.map(c -> join("blockquote", c))),
        Tuple.of(1, children.map(c -> join("h2", c))),
        Tuple.of(2, children.map(c -> join("strong", c))),
        Tuple.of(1, children.map(c -> list("ul", c))),
        Tuple.of(1, children.map(c -> list("ol", c))),
        Tuple.of(1, Arbitraries.just(new Piece("<br>", ""))),
        Tuple.of(1, words().map(w -> new Piece("<script>var " + w + ";</script>", ""))),
        Tuple.of(1, words().map(w -> new Piece("<figure><img src=\"/x.jpg\"><figcaption>" + w + "</figcaption></figure>", ""))));
  }

  /** Words of letters, spaces and a no-break space: no digits or bullets, which list prefixes use. */
  private Arbitrary<String> words() {
    return Arbitraries.strings().withChars("abcdefghij ").withChars('\u00a0', '\n', '\t').ofMinLength(1).ofMaxLength(12);
  }

  private static Piece join(String tag, List<Piece> children) {
    String html = children.stream().map(Piece::html).collect(Collectors.joining());
    String kept = children.stream().map(Piece::kept).collect(Collectors.joining());
    return tag.isEmpty() ? new Piece(html, kept) : new Piece("<" + tag + ">" + html + "</" + tag + ">", kept);
  }

  private static Piece list(String tag, List<Piece> items) {
    String html = items.stream().map(i -> "<li>" + i.html() + "</li>").collect(Collectors.joining());
    return new Piece("<" + tag + ">" + html + "</" + tag + ">", items.stream().map(Piece::kept).collect(Collectors.joining()));
  }

  @Property(tries = 500)
  void noTextOfTheBodyIsLostOrAdded(@ForAll("bodies") Piece body) {
    String page = "<html><head><meta property=\"article:published_time\" content=\"2024-01-01\"></head><body>"
        + "<h1 class=\"page-title\">Title</h1><div class=\"article-lead\"><span class=\"date\">1 January, 2024</span>Lede</div>"
        + "<div class=\"article-body\">" + body.html() + "</div><footer>Footer text</footer></body></html>";
    String expected = withoutAsciiWhiteSpace(body.kept());
    String archived;
    try {
      Article article = new ArticleParser(Selectors.defaults()).parse(page, "https://x.example/a", "a");
      // The list prefixes are the archive's own, not the site's text.
      archived = String.join("\n", article.blocks()).replaceAll("(?m)^  (\u2022|\\d+\\.) ", "");
    } catch (LayoutException e) {
      assertThat(expected).as("only an empty body is refused").isEmpty();
      return;
    }

    assertThat(withoutAsciiWhiteSpace(archived)).isEqualTo(expected);
  }

  /**
   * Whatever the body, its archived text read back writes back byte for byte; a block reads as a list exactly
   * when it was one; and each part read back (a block, or a piece of one holding a blank line: two {@code br} in
   * a row) has the kind of the block it came from, told by the sidecar's kinds.
   */
  @Property(tries = 150)
  void theArchivedTextReadsBackToItsBlocks(@ForAll("bodies") Piece body) {
    String page = "<html><head><meta property=\"article:published_time\" content=\"2024-01-01\"></head><body>"
        + "<h1 class=\"page-title\">Title</h1><div class=\"article-lead\"><span class=\"date\">1 January, 2024</span>Lede</div>"
        + "<div class=\"article-body\">" + body.html() + "</div></body></html>";
    Article article;
    try {
      article = new ArticleParser(Selectors.defaults()).parse(page, "https://x.example/a", "a");
    } catch (LayoutException e) {
      return;
    }
    String text = ArchiveText.article(article);

    ArchivedText read = ArchivedText.read(text, article.title(), article.lede(), Sidecar.blockKinds(article)).orElseThrow();

    assertThat(read.text()).isEqualTo(text);
    for (int i = 0; i < article.blocks().size(); i++) {
      assertThat(BodyBlocks.isList(article.blocks().get(i))).isEqualTo(article.kinds().get(i) == BodyBlocks.Kind.LIST);
    }
    // Where each block and each part read back starts in the body (blocks and parts are both joined by a blank line).
    List<Integer> blockStarts = starts(article.blocks());
    List<String> parts = read.blocks().stream().map(ArchivedText.Block::text).toList();
    List<Integer> partStarts = starts(parts);
    for (int j = 0; j < parts.size(); j++) {
      int from = 0;
      while (from + 1 < blockStarts.size() && blockStarts.get(from + 1) <= partStarts.get(j)) {
        from++;
      }
      BodyBlocks.Kind kind = article.kinds().get(from);
      ArchivedText.Shape shape = read.blocks().get(j).shape();
      boolean list = shape == ArchivedText.Shape.BULLETS || shape == ArchivedText.Shape.NUMBERS;
      assertThat(switch (kind) {
        // A list item's own blank line leaves its next line a paragraph: only lines with the prefix are items.
        case LIST -> list == BodyBlocks.isList(parts.get(j)) && (list || shape == ArchivedText.Shape.PARAGRAPH);
        case QUOTE -> shape == ArchivedText.Shape.QUOTE;
        case HEADING -> shape == ArchivedText.Shape.HEADING;
        case PARAGRAPH -> shape == ArchivedText.Shape.PARAGRAPH;
      }).as("part %d %s of block %d: %s read as %s", j, parts.get(j), from, kind, shape).isTrue();
    }
    if (article.blocks().stream().noneMatch(b -> b.contains("\n\n") || b.startsWith("\n"))) {
      assertThat(parts).containsExactlyElementsOf(article.blocks());
    }
  }

  /** Where each of {@code texts} starts when they are joined by a blank line. */
  private static List<Integer> starts(List<String> texts) {
    List<Integer> starts = new java.util.ArrayList<>();
    int at = 0;
    for (String t : texts) {
      starts.add(at);
      at += t.length() + 2;
    }
    return starts;
  }

  private static String withoutAsciiWhiteSpace(String s) {
    return s.replaceAll("[ \\t\\n\\r\\f]", "");
  }
}
