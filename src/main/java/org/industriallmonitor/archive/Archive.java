package org.industriallmonitor.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.parse.Article;
import org.industriallmonitor.parse.ListingPage;

/**
 * The archive folder: articles as {@code articles/YYYY/YYYY-MM-DD-SLUG.txt} with {@code SLUG.json}
 * beside them, and listing snapshots as {@code listings/REGION/from-N/TIMESTAMP.txt}.
 */
public final class Archive {
  private static final DateTimeFormatter SNAPSHOT_NAME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path root;
  private final Writer writer;

  /** Where files are written before they are renamed into place: one folder to clean after a crash. */
  static final String INCOMING = ".incoming";

  /**
   * How files reach the disk: {@link AtomicFiles#place} through a temporary folder, except in
   * storage-fault tests. The archive syncs the folders afterwards ({@link #sync}).
   */
  @FunctionalInterface
  public interface Writer {
    /** Writes files, in order, using {@code tempDir} for their temporary files, each fsynced and renamed into place. */
    void write(Path tempDir, List<AtomicFiles.Pending> files) throws IOException;
  }

  public Archive(Path root) {
    this(root, AtomicFiles::place);
  }

  public Archive(Path root, Writer writer) {
    this.root = root.toAbsolutePath().normalize();
    this.writer = writer;
  }

  public Path root() {
    return root;
  }

  /** Writes the article's text, then its sidecar, each atomically (see below: the folder is synced by {@link #sync}). */
  public ArchivedArticle writeArticle(Article article, Instant fetchedAt) throws IOException {
    return writeArticle(article, fetchedAt, false);
  }

  /**
   * Writes an article; {@code degraded} marks text that only the fallback extractor could read.
   * Its folder is not synced yet: {@link #sync} the articles of a batch before recording them.
   */
  public ArchivedArticle writeArticle(Article article, Instant fetchedAt, boolean degraded) throws IOException {
    String folder = folder(article);
    String slug = SafeNames.fileSlug(SiteUrls.withoutLanguage(article.slug()));
    String textPath = folder + article.published() + "-" + slug + ".txt";
    String sidecarPath = folder + slug + ".json";
    String rendered = ArchiveText.article(article);
    byte[] text = rendered.getBytes(StandardCharsets.UTF_8);
    String sha256 = Hashes.sha256(text);
    Sidecar sidecar = new Sidecar(
        article.url(), article.slug(), article.title(), article.published().toString(), article.lede(),
        article.countries(), article.themes(), article.translations(),
        fetchedAt.truncatedTo(ChronoUnit.SECONDS).toString(), sha256, textPath, degraded, SiteUrls.languageOf(article.slug()),
        Sidecar.blockKinds(article));
    // The text first: a sidecar never describes a text that is not there.
    writer.write(incoming(), List.of(new AtomicFiles.Pending(inside(textPath), text),
        new AtomicFiles.Pending(inside(sidecarPath), sidecarJson(sidecar))));
    return new ArchivedArticle(textPath, sidecarPath, sha256, rendered);
  }

  /** {@code articles/YYYY/} for English, {@code articles/YYYY/LANG/} for a translation. */
  private static String folder(Article article) {
    String language = SiteUrls.languageOf(article.slug());
    return "articles/" + article.published().getYear() + "/" + (language.equals("en") ? "" : language + "/");
  }

  /** One entry of a sidecar's {@code versions}: a text of the article, where it is, its hash, when it was fetched. */
  public record VersionEntry(int version, String archivePath, String sha256, Instant fetchedAt) {}

  /**
   * Writes a later text of an article beside its first, as {@code YYYY-MM-DD-SLUG.vN.txt} (the
   * first file never changes), then its sidecar, which lists every version; both durably. The
   * same text written again (after a crash, before its row) gives the same bytes.
   */
  public ArchivedArticle writeVersion(Article article, int version, List<VersionEntry> earlier, String sidecarPath, Instant fetchedAt)
      throws IOException {
    String slug = SafeNames.fileSlug(SiteUrls.withoutLanguage(article.slug()));
    String textPath = folder(article) + article.published() + "-" + slug + ".v" + version + ".txt";
    String rendered = ArchiveText.article(article);
    byte[] text = rendered.getBytes(StandardCharsets.UTF_8);
    String sha256 = Hashes.sha256(text);
    List<VersionEntry> versions = new java.util.ArrayList<>(earlier);
    versions.add(new VersionEntry(version, textPath, sha256, fetchedAt));
    byte[] sidecar = editedSidecar(sidecarPath, node -> node.set("versions", versionsJson(versions, node.path("versions"),
        version, Sidecar.blockKinds(article))));
    writer.write(incoming(), List.of(new AtomicFiles.Pending(inside(textPath), text), new AtomicFiles.Pending(inside(sidecarPath), sidecar)));
    AtomicFiles.syncFolders(List.of(inside(textPath).getParent()));
    return new ArchivedArticle(textPath, sidecarPath, sha256, rendered);
  }

  /** Marks an article withdrawn in its sidecar ({@code removed_at}), durably; its texts stay. */
  public void markRemoved(String sidecarPath, Instant at, int status) throws IOException {
    byte[] sidecar = editedSidecar(sidecarPath, node -> node.put("removed_at", at.truncatedTo(ChronoUnit.SECONDS).toString())
        .put("removed_status", status));
    writer.write(incoming(), List.of(new AtomicFiles.Pending(inside(sidecarPath), sidecar)));
    AtomicFiles.syncFolders(List.of(inside(sidecarPath).getParent()));
  }

  private byte[] editedSidecar(String sidecarPath, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit)
      throws IOException {
    com.fasterxml.jackson.databind.JsonNode node = Json.MAPPER.readTree(java.nio.file.Files.readString(inside(sidecarPath), StandardCharsets.UTF_8));
    if (!(node instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
      throw new IOException("the sidecar " + sidecarPath + " is not a JSON object");
    }
    edit.accept(object);
    return (Json.MAPPER.writeValueAsString(object) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The sidecar's {@code versions}: each entry with the kinds of its text's blocks, {@code newKinds} for the version
   * written now ({@code newVersion}), the earlier ones' as the sidecar had them ({@code before}).
   */
  private static com.fasterxml.jackson.databind.node.ArrayNode versionsJson(List<VersionEntry> versions,
      com.fasterxml.jackson.databind.JsonNode before, int newVersion, List<String> newKinds) {
    Map<Integer, com.fasterxml.jackson.databind.JsonNode> kindsBefore = new HashMap<>();
    before.forEach(v -> {
      if (v.path("block_kinds").isArray()) {
        kindsBefore.put(v.path("version").asInt(), v.get("block_kinds"));
      }
    });
    com.fasterxml.jackson.databind.node.ArrayNode array = Json.MAPPER.createArrayNode();
    for (VersionEntry v : versions) {
      com.fasterxml.jackson.databind.node.ObjectNode entry = array.addObject().put("version", v.version())
          .put("archive_path", v.archivePath()).put("sha256", v.sha256())
          .put("fetched_at", v.fetchedAt().truncatedTo(ChronoUnit.SECONDS).toString());
      if (v.version() == newVersion) {
        newKinds.forEach(entry.putArray("block_kinds")::add);
      } else if (kindsBefore.containsKey(v.version())) {
        entry.set("block_kinds", kindsBefore.get(v.version()));
      }
    }
    return array;
  }

  /**
   * Makes the articles' files durable where they are: one fsync per folder they are in, however
   * many they are (a batch of a listing page's articles shares one or two year folders).
   */
  public void sync(List<ArchivedArticle> articles) {
    AtomicFiles.syncFolders(articles.stream().map(a -> inside(a.textPath()).getParent()).toList());
  }

  /** Keeps a snapshot of a listing page's text, durably; returns its path relative to the root. */
  public String writeListingSnapshot(int region, int from, String text, Instant at) throws IOException {
    return writeListingSnapshot(region, "en", from, text, at);
  }

  /** The same for a listing in {@code language}: {@code listings/REGION/LANG/from-N/} (English: {@code listings/REGION/from-N/}). */
  public String writeListingSnapshot(int region, String language, int from, String text, Instant at) throws IOException {
    String path = "listings/" + region + (language.equals("en") ? "" : "/" + language) + "/from-" + from + "/"
        + SNAPSHOT_NAME.format(at) + ".txt";
    Path file = inside(path);
    writer.write(incoming(), List.of(new AtomicFiles.Pending(file, text.getBytes(StandardCharsets.UTF_8))));
    AtomicFiles.syncFolders(List.of(file.getParent()));
    return path;
  }

  /** Removes temporary files left by a process that was killed while writing. */
  public int removeLeftovers() throws IOException {
    return removeLeftovers(java.time.Duration.ZERO);
  }

  /**
   * The same, for the temporary files older than {@code age} only: on an archive that several
   * nodes share, a younger one may be another live node's file being written.
   */
  public int removeLeftovers(java.time.Duration age) throws IOException {
    return AtomicFiles.removeLeftovers(incoming(), age);
  }

  private Path incoming() {
    return root.resolve(INCOMING);
  }

  public Path resolve(String relativePath) {
    return inside(relativePath);
  }

  private Path inside(String relativePath) {
    Path path = root.resolve(relativePath).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("refusing to write outside the archive: " + relativePath);
    }
    return path;
  }

  /** Created at the first sidecar: a crawl that archives nothing never pays for Jackson. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private static byte[] sidecarJson(Sidecar sidecar) throws IOException {
    try {
      return (Json.MAPPER.writeValueAsString(sidecar) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IOException("cannot write the sidecar JSON: " + e.getMessage(), e);
    }
  }
}
