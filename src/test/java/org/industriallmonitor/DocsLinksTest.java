package org.industriallmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the project's Markdown (README.md and the other top-level files, docs/, the
 * contract's README in the test resources, ...) leads to a file or folder that exists. Web addresses and
 * links to an anchor of the same page are left alone; a link's #fragment is not checked.
 */
class DocsLinksTest {
  /** Where the build, the running monitor and tools write: not the project's documentation. */
  private static final Set<String> NOT_DOCS = Set.of("target", "state", "logs", "node_modules");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
  /** {@code [text](target "title")} and {@code ![alt](target)}; the text may run over lines, not over a blank one. */
  private static final Pattern INLINE_LINK = Pattern.compile(
      "!?\\[(?:[^\\]\\n]|\\n(?![ \\t]*\\n))*\\]\\(\\s*(<[^>\\n]*>|[^)\\s]+)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
  /** {@code [label]: target}, a link reference definition (not a footnote, {@code [^1]: ...}). */
  private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[(?!\\^)[^\\]]+\\]:[ \\t]*(<[^>\\n]*>|\\S+)");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  @Test
  void everyRelativeLinkOfTheDocumentationResolves() throws IOException {
    List<Path> documents = markdownFiles(Path.of(""));
    assertThat(documents).as("the Markdown files checked").contains(Path.of("README.md"),
        Path.of("src/test/resources/contract/README.md"));

    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      for (Link link : relativeLinks(Files.readString(document))) {
        if (!Files.exists(resolve(document, link.target()))) {
          broken.add(document + ":" + link.line() + ": " + link.target());
        }
      }
    }

    assertThat(broken).as("relative links that lead nowhere (file:line: target)").isEmpty();
  }

  @Test
  void theDocumentsCheckedDoHaveRelativeLinks() throws IOException {
    // So that the check above cannot pass by finding no links at all.
    assertThat(relativeLinks(Files.readString(Path.of("README.md")))).extracting(Link::target)
        .contains("RELIABILITY.md", "bench/RESULTS.md");
    assertThat(relativeLinks(Files.readString(Path.of("src/test/resources/contract/README.md")))).extracting(Link::target)
        .contains("001_f6c06a6f515aba8c.txt", "search-regions-169-from-40.html");
  }

  @Test
  void findsInlineImageAndReferenceLinksButNotCodeWebAddressesOrAnchors() {
    String markdown = String.join("\n",
        "See [the guide](docs/guide.md#setup) and ![a picture](docs/a%20picture.png \"title\").",
        "[`a code file`](src/Main.java), [web](https://example.org/x.md), [anchor](#usage), [mail](mailto:a@b.c)",
        "Not a link: `[x](in-a-code-span.md)`.",
        "```",
        "[y](in-a-fence.md)",
        "```",
        "[ref]: ../other/file.md",
        "[angle](<with space.md>) and [a text over",
        "two lines](two/lines.md)",
        "[^1]: a footnote, not a link",
        "[not a link across a paragraph",
        "",
        "break](nowhere.md)");

    assertThat(relativeLinks(markdown)).containsExactly(new Link(1, "docs/guide.md#setup"), new Link(1, "docs/a%20picture.png"),
        new Link(2, "src/Main.java"), new Link(7, "../other/file.md"), new Link(8, "with space.md"), new Link(9, "two/lines.md"));
    assertThat(resolve(Path.of("README.md"), "docs/guide.md#setup")).isEqualTo(Path.of("docs/guide.md"));
    assertThat(resolve(Path.of("docs/x.md"), "a%20picture.png?raw=true")).isEqualTo(Path.of("docs/a picture.png"));
    assertThat(resolve(Path.of("src/test/resources/contract/README.md"), "../blocks")).isEqualTo(Path.of("src/test/resources/blocks"));
  }

  record Link(int line, String target) {}

  /** The links of a Markdown text that are neither web addresses (any scheme) nor anchors of the same page. */
  static List<Link> relativeLinks(String markdown) {
    // Code is not Markdown: fenced blocks become empty lines, code spans a word (a link's text may be one).
    StringBuilder text = new StringBuilder();
    boolean inFence = false;
    for (String line : markdown.split("\n", -1)) {
      boolean fence = FENCE.matcher(line).find();
      if (!fence && !inFence) {
        text.append(CODE_SPAN.matcher(line).replaceAll("code"));
      }
      inFence ^= fence;
      text.append('\n');
    }
    List<Link> links = new ArrayList<>();
    for (Pattern pattern : List.of(INLINE_LINK, REFERENCE)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        String target = m.group(1).startsWith("<") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        if (!target.isEmpty() && !target.startsWith("#") && !SCHEME.matcher(target).find()) {
          links.add(new Link(lineOf(text, m.start(1)), target));
        }
      }
    }
    links.sort(Comparator.comparingInt(Link::line));
    return links;
  }

  private static int lineOf(CharSequence text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The file a relative link of {@code document} names: its #fragment and ?query dropped, %-escapes decoded. */
  static Path resolve(Path document, String target) {
    String path = target.replaceFirst("[#?].*", "");
    Path folder = document.toAbsolutePath().getParent();
    Path resolved = folder.resolve(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
    return Path.of("").toAbsolutePath().relativize(resolved);
  }

  private static List<Path> markdownFiles(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String name = String.valueOf(dir.getFileName());
        boolean skip = !dir.equals(root) && (NOT_DOCS.contains(name) || name.startsWith("."));
        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.getFileName().toString().endsWith(".md")) {
          found.add(file.normalize());
        }
        return FileVisitResult.CONTINUE;
      }
    });
    found.sort(null);
    return found;
  }
}
