package org.industriallmonitor.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.industriallmonitor.archive.ArchivedText.Block;
import org.industriallmonitor.archive.ArchivedText.Shape;
import org.industriallmonitor.config.Selectors;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.testing.Contract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An archived text read back gives the parts it was written from, and writes back to the same bytes. */
class ArchivedTextTest {
  private static final String BASE = "https://www.industriall-union.org";
  private static final String SLUG = "kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights";

  /** Each kind of body block (the golden fixtures), read with and without what the sidecar knows. */
  @ParameterizedTest
  @ValueSource(strings = {"list", "ordered-list", "headings", "quote", "line-breaks", "wrappers-and-media", "loose-text", "real-fr-list"})
  void everyGoldenTextReadsBackToItsArticleAndWritesBackByteForByte(String fixture) throws Exception {
    Article article = new ArticleParser(Selectors.defaults()).parse(resource("/blocks/" + fixture + ".html"), BASE + "/" + SLUG, SLUG);
    String text = ArchiveText.article(article);

    ArchivedText known = ArchivedText.read(text, article.title(), article.lede(), Sidecar.blockKinds(article)).orElseThrow();
    ArchivedText unknown = ArchivedText.read(text, null, null, null).orElseThrow();

    assertThat(known.title()).isEqualTo(article.title());
    assertThat(known.date()).isEqualTo(article.date());
    assertThat(known.lede()).isEqualTo(article.lede());
    assertThat(known.blocks()).extracting(Block::text).isEqualTo(article.blocks());
    assertThat(known.text()).isEqualTo(text);
    assertThat(unknown.title()).isEqualTo(article.title());
    // Without the sidecar's lede (a later text whose lede changed), the date is told by its shape.
    assertThat(unknown.date()).isEqualTo(article.date());
    assertThat(unknown.lede()).isEqualTo(article.lede());
    assertThat(unknown.text()).isEqualTo(text);
  }

  @Test
  void theSeedsWriteBackByteForByte() {
    for (String seed : List.of(Contract.SEED_STRUGGLE, Contract.SEED_ORGANIZING)) {
      String text = Contract.text(seed);
      assertThat(ArchivedText.read(text, null, null, null).orElseThrow().text()).as(seed).isEqualTo(text);
    }
  }

  @Test
  void listsAreReadByTheirPrefixesAndQuotesAndHeadingsByTheSidecar() throws Exception {
    String html = resource("/blocks/quote.html").replace("<p>The president said:</p>",
        "<h2>What was said</h2><p>The president said:</p><ul><li>one <br>line two</li><li>two</li></ul><ol start=\"4\"><li>four</li><li>five</li></ol>");
    Article article = new ArticleParser(Selectors.defaults()).parse(html, BASE + "/" + SLUG, SLUG);

    ArchivedText read = ArchivedText.read(ArchiveText.article(article), article.title(), article.lede(), Sidecar.blockKinds(article))
        .orElseThrow();

    assertThat(read.blocks()).containsExactly(
        new Block(Shape.HEADING, List.of("What was said"), 1),
        new Block(Shape.PARAGRAPH, List.of("The president said:"), 1),
        new Block(Shape.BULLETS, List.of("one \nline two", "two"), 1),
        new Block(Shape.NUMBERS, List.of("four", "five"), 4),
        new Block(Shape.QUOTE, List.of("“We will not accept this.”"), 1),
        new Block(Shape.QUOTE, List.of("“The law must change.”"), 1),
        new Block(Shape.QUOTE, List.of("A quote without paragraphs."), 1));
    // Without the sidecar's kinds (an article archived before them), lists still read as lists, the rest as paragraphs.
    assertThat(ArchivedText.read(ArchiveText.article(article), null, null, null).orElseThrow().blocks()).extracting(Block::shape)
        .containsExactly(Shape.PARAGRAPH, Shape.PARAGRAPH, Shape.BULLETS, Shape.NUMBERS, Shape.PARAGRAPH, Shape.PARAGRAPH, Shape.PARAGRAPH);
    // Kinds that do not match the blocks (another version's) are not used.
    assertThat(ArchivedText.read(ArchiveText.article(article), null, null, List.of("quote")).orElseThrow().blocks()).extracting(Block::shape)
        .doesNotContain(Shape.QUOTE);
  }

  /**
   * A paragraph with a blank line inside (two {@code br} in a row) reads back as two parts: the sidecar has a kind
   * for each, so that the quotes and headings after it are still known.
   */
  @Test
  void aBlankLineInsideAParagraphKeepsTheKindsOfEveryOtherBlock() throws Exception {
    String html = resource("/blocks/quote.html").replaceAll("(?s)<div class=\"article-body field--name-body\">.*?</div>\\s*<div class=\"article-translations",
        "<div class=\"article-body field--name-body\"><p>One<br><br>two.</p><blockquote><p>Quoted.</p></blockquote><h2>Heading</h2>"
            + "<p>End.</p></div><div class=\"article-translations");
    Article article = new ArticleParser(Selectors.defaults()).parse(html, BASE + "/" + SLUG, SLUG);
    assertThat(article.blocks()).containsExactly("One\n\ntwo.", "Quoted.", "Heading", "End.");

    assertThat(Sidecar.blockKinds(article)).containsExactly("paragraph", "paragraph", "quote", "heading", "paragraph");
    ArchivedText read = ArchivedText.read(ArchiveText.article(article), article.title(), article.lede(), Sidecar.blockKinds(article))
        .orElseThrow();
    assertThat(read.blocks()).containsExactly(
        new Block(Shape.PARAGRAPH, List.of("One"), 1),
        new Block(Shape.PARAGRAPH, List.of("two."), 1),
        new Block(Shape.QUOTE, List.of("Quoted."), 1),
        new Block(Shape.HEADING, List.of("Heading"), 1),
        new Block(Shape.PARAGRAPH, List.of("End."), 1));
  }

  /** A sidecar written before its kinds were one per part (one per block) still shows its kinds when the two agree. */
  @Test
  void anOlderSidecarsKindsOnePerBlockStillRead() throws Exception {
    Article article = new ArticleParser(Selectors.defaults()).parse(resource("/blocks/quote.html"), BASE + "/" + SLUG, SLUG);

    ArchivedText read = ArchivedText.read(ArchiveText.article(article), article.title(), article.lede(),
        List.of("paragraph", "quote", "quote", "quote")).orElseThrow();

    assertThat(read.blocks()).extracting(Block::shape).containsExactly(Shape.PARAGRAPH, Shape.QUOTE, Shape.QUOTE, Shape.QUOTE);
  }

  @Test
  void aTextThatIsNotAnArchivedArticleIsNotRead() {
    assertThat(ArchivedText.read("Some other file", null, null, null)).isEmpty();
  }

  private static String resource(String name) throws Exception {
    try (var in = ArchivedTextTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
