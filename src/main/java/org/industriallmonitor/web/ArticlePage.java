package org.industriallmonitor.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.industriallmonitor.app.ConsoleService;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.archive.ArchivedText;
import org.industriallmonitor.store.ArticleRepository;

/**
 * An archived article as a reader expects it: title, date, countries and themes as links to their
 * searches, the lede and body as paragraphs, headings, lists and quotes (read back from the archived
 * text by {@link ArchivedText}), its translations, and the archived file itself one click away
 * ({@link #archivedFile}, served as it is on disk). Every text goes to the template through
 * {@link DisplayText} and is escaped there.
 */
final class ArticlePage {
  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  private final ConsoleService console;
  private final Archive archive;

  ArticlePage(ConsoleService console, Archive archive) {
    this.console = console;
    this.archive = archive;
  }

  /** The path of the reader's view of the article of {@code slug}. */
  static String path(String slug) {
    return "/articles/" + ConsolePages.encodePath(slug);
  }

  /** The path of the archived text of {@code slug}: its newest version, or {@code version}. */
  static String filePath(String slug, Integer version) {
    return "/archived/" + ConsolePages.encodePath(slug) + (version == null ? "" : "?version=" + version);
  }

  /** The page's values for the template {@code article}, or empty when no article has this slug. */
  Optional<Map<String, Object>> model(String slug) {
    Optional<ArticleRepository.Summary> found = console.article(slug);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ArticleRepository.Summary a = found.get();
    JsonNode sidecar = sidecar(a.sidecarPath());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", DisplayText.of(a.title()));
    m.put("published", a.published());
    m.put("readableDate", readable(a.published()));
    m.put("countries", DisplayText.of(a.countries()));
    m.put("countryLinks", countryLinks(a, sidecar));
    List<Map<String, Object>> themes = new ArrayList<>();
    sidecar.path("themes").forEach(t -> {
      String name = t.path("name").asText(t.asText());
      if (!name.isBlank()) {
        themes.add(searchLink("theme", name));
      }
    });
    m.put("themes", themes);
    m.put("hasThemes", !themes.isEmpty());
    m.put("language", a.language());
    m.put("url", DisplayText.of(a.url()));
    m.put("urlIsLink", DisplayText.isWebLink(a.url()));
    m.put("href", a.url());
    m.put("archivePath", a.archivePath());
    m.put("detected", ConsolePages.time(a.detectedAt()));
    // The sidecar lists the texts the article had (a correction on the site is a new version); the newest is shown.
    List<Map<String, Object>> versions = new ArrayList<>();
    sidecar.path("versions").forEach(v -> versions.add(Map.of("version", v.path("version").asText(), "path", v.path("archive_path").asText(),
        "sha256", v.path("sha256").asText(), "fetched", v.path("fetched_at").asText(),
        "file", filePath(a.slug(), v.path("version").asInt()))));
    String shown = versions.isEmpty() ? a.archivePath() : (String) versions.get(versions.size() - 1).get("path");
    m.put("versions", versions);
    m.put("hasVersions", versions.size() > 1);
    m.put("shownPath", shown);
    m.put("file", filePath(a.slug(), null));
    Optional<ArchivedText> text = read(shown).flatMap(t -> ArchivedText.read(t, a.title(), sidecar.path("lede").asText(null),
        kinds(sidecar, shown, a.archivePath())));
    m.put("readable", text.isPresent());
    text.ifPresent(t -> {
      m.put("lede", lines(t.lede()));
      m.put("hasLede", !t.lede().isBlank());
      m.put("blocks", blocks(t.blocks()));
    });
    if (sidecar.hasNonNull("removed_at")) {
      m.put("removed", "Withdrawn by the site: HTTP " + sidecar.path("removed_status").asInt() + " since " + sidecar.path("removed_at").asText()
          + ". The archived texts stay.");
    }
    List<Map<String, Object>> translations = new ArrayList<>();
    sidecar.path("translations").forEach(t -> {
      String url = t.path("url").asText("");
      Map<String, Object> translation = new LinkedHashMap<>();
      translation.put("language", DisplayText.of(t.path("lang").asText("")));
      translation.put("url", DisplayText.of(url));
      translation.put("isLink", DisplayText.isWebLink(url));
      translation.put("href", url);
      archivedTranslation(a, url).ifPresent(archived -> translation.put("archived", path(archived)));
      translations.add(translation);
    });
    m.put("translations", translations);
    m.put("hasTranslations", !translations.isEmpty());
    return Optional.of(m);
  }

  /**
   * The archived text of the article of {@code slug}, byte for byte: its newest version, or the one numbered
   * {@code version}; empty when there is no such article, version or file.
   */
  Optional<byte[]> archivedFile(String slug, Integer version) {
    Optional<ArticleRepository.Summary> found = console.article(slug);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ArticleRepository.Summary a = found.get();
    String path = version == null || version == 1 ? a.archivePath() : null;
    for (JsonNode v : sidecar(a.sidecarPath()).path("versions")) {
      if (version == null || v.path("version").asInt() == version) {
        path = v.path("archive_path").asText(null);
      }
    }
    if (path == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(archive.resolve(path)));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** "13 January 2023"; the stored value as it is when it is not a date. */
  static String readable(String isoDate) {
    try {
      return READABLE.format(LocalDate.parse(isoDate));
    } catch (DateTimeParseException | NullPointerException e) {
      return isoDate == null ? "" : isoDate;
    }
  }

  /**
   * The article's countries: those the archive links it to (configured ones, under their configured names) each a
   * link to its search by region id, which finds it; the site's other tags as plain text, since a search finds
   * nothing by them. In the order of the sidecar's tags, then any linked country the tags do not name (an id the
   * site moved).
   */
  private List<Map<String, Object>> countryLinks(ArticleRepository.Summary a, JsonNode sidecar) {
    Map<Integer, String> linked = new LinkedHashMap<>();
    console.countriesOf(a.slug()).forEach(c -> linked.put(c.region(), c.name()));
    List<Map<String, Object>> shown = new ArrayList<>();
    sidecar.path("countries").forEach(c -> {
      String name = c.path("name").asText("");
      String linkedName = c.path("id").canConvertToInt() ? linked.remove(c.path("id").asInt()) : null;
      if (linkedName != null) {
        shown.add(countryLink(c.path("id").asInt(), linkedName));
      } else if (!name.isBlank()) {
        shown.add(Map.of("name", DisplayText.of(name + " (not followed)"), "link", false));
      }
    });
    linked.forEach((region, name) -> shown.add(countryLink(region, name)));
    if (shown.isEmpty() && a.countries() != null) {
      for (String name : a.countries().split(",")) {
        if (!name.isBlank()) {
          shown.add(Map.of("name", DisplayText.of(name.trim()), "link", false));
        }
      }
    }
    return shown;
  }

  private static Map<String, Object> countryLink(int region, String name) {
    return Map.of("name", DisplayText.of(name), "link", true, "href", "/search?country=" + region);
  }

  private static Map<String, Object> searchLink(String key, String name) {
    return Map.of("name", DisplayText.of(name), "href", "/search?" + key + "=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
  }

  /**
   * The block kinds the sidecar gives for the text at {@code shown}: its entry of {@code versions}, or the
   * sidecar's own for the first text; null when unknown (an article archived before they were kept).
   */
  private static List<String> kinds(JsonNode sidecar, String shown, String first) {
    for (JsonNode v : sidecar.path("versions")) {
      if (shown.equals(v.path("archive_path").asText()) && v.path("block_kinds").isArray()) {
        return strings(v.path("block_kinds"));
      }
    }
    return shown.equals(first) && sidecar.path("block_kinds").isArray() ? strings(sidecar.path("block_kinds")) : null;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /**
   * The blocks as the template shows them; the paragraphs of one quote (consecutive quoted blocks) in one
   * {@code blockquote}, and empty blocks left out.
   */
  private static List<Map<String, Object>> blocks(List<ArchivedText.Block> blocks) {
    List<Map<String, Object>> shown = new ArrayList<>();
    List<Map<String, Object>> quote = null;
    for (ArchivedText.Block block : blocks) {
      if (block.items().stream().allMatch(String::isBlank)) {
        continue;
      }
      if (block.shape() == ArchivedText.Shape.QUOTE) {
        if (quote == null) {
          quote = new ArrayList<>();
          shown.add(Map.of("quote", Map.of("paragraphs", quote)));
        }
        quote.add(Map.of("lines", lines(block.items().get(0))));
        continue;
      }
      quote = null;
      List<Map<String, Object>> items = block.items().stream().map(item -> Map.<String, Object>of("lines", lines(item))).toList();
      shown.add(switch (block.shape()) {
        case HEADING -> Map.of("heading", items.get(0));
        case BULLETS -> Map.of("bullets", Map.of("items", items));
        case NUMBERS -> Map.of("numbers", Map.of("start", block.start(), "items", items));
        default -> Map.of("paragraph", items.get(0));
      });
    }
    return shown;
  }

  /** A text's lines (a {@code br} on the site), each made safe to show; the template puts a {@code <br>} between them. */
  private static List<String> lines(String text) {
    return Stream.of(text.split("\n", -1)).map(DisplayText::of).toList();
  }

  /** The slug of the archived copy of a translation at {@code url}, when the archive has it. */
  private Optional<String> archivedTranslation(ArticleRepository.Summary a, String url) {
    // The article's address is the site's base followed by its slug; a translation's slug is what follows that base.
    if (a.url() == null || !a.url().endsWith(a.slug()) || url.isEmpty()) {
      return Optional.empty();
    }
    String base = a.url().substring(0, a.url().length() - a.slug().length());
    if (!url.startsWith(base) || url.length() == base.length()) {
      return Optional.empty();
    }
    String slug = url.substring(base.length());
    return console.article(slug).map(ArticleRepository.Summary::slug);
  }

  private Optional<String> read(String archivePath) {
    try {
      return Optional.of(Files.readString(archive.resolve(archivePath), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The article's sidecar; an empty object when it cannot be read (the page then shows less, never fails). */
  private JsonNode sidecar(String sidecarPath) {
    ObjectMapper mapper = new ObjectMapper();
    try {
      Optional<String> json = read(sidecarPath);
      return json.isPresent() ? mapper.readTree(json.get()) : mapper.createObjectNode();
    } catch (IOException e) {
      return mapper.createObjectNode();
    }
  }
}
