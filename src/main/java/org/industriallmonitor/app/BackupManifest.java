package org.industriallmonitor.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a backup holds, written as {@code manifest.json} once everything else is in place: each file (path
 * relative to the backup folder, size, SHA-256), and, when the database was copied, its schema version and
 * rows per table. {@code database} is empty for a PostgreSQL state, whose database is not in the backup.
 * {@code missing} lists the files the copied rows name that the state lacked when the backup was taken (paths
 * relative to the backup folder): such a backup is not whole, and {@code --verify} says so. Absent from a
 * manifest written before it was recorded, so it reads as empty there.
 */
public record BackupManifest(int format, Instant createdAt, String source, Optional<DatabaseSummary> database, List<FileEntry> files,
    List<String> missing) {
  public static final String FILE_NAME = "manifest.json";
  /** Raised when the layout of the manifest changes, so that an older {@code --verify} refuses what it cannot read. */
  public static final int FORMAT = 1;

  public BackupManifest {
    database = database == null ? Optional.empty() : database;
    files = List.copyOf(files);
    missing = List.copyOf(missing);
  }

  /** One file of the backup. */
  public record FileEntry(String path, long size, String sha256) {}

  /** The copied database: its file (relative to the backup folder), schema version and rows per table. */
  public record DatabaseSummary(String file, int schemaVersion, Map<String, Long> tables) {
    public DatabaseSummary {
      tables = Map.copyOf(tables);
    }
  }

  /** Thrown for a manifest that cannot be read: cut short, edited, or of a newer format. */
  public static final class UnreadableManifestException extends Exception {
    UnreadableManifestException(String message) {
      super(message);
    }
  }

  public long totalBytes() {
    return files.stream().mapToLong(FileEntry::size).sum();
  }

  public byte[] toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("format", format);
    root.put("created_at", createdAt.toString());
    root.put("source", source);
    database.ifPresentOrElse(d -> {
      ObjectNode db = root.putObject("database");
      db.put("file", d.file());
      db.put("schema_version", d.schemaVersion());
      ObjectNode tables = db.putObject("tables");
      new TreeMap<>(d.tables()).forEach(tables::put);
    }, () -> root.putNull("database"));
    root.put("file_count", files.size());
    root.put("total_bytes", totalBytes());
    missing.forEach(root.putArray("missing")::add);
    ArrayNode list = root.putArray("files");
    for (FileEntry f : files) {
      list.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256());
    }
    try {
      return json.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serializes", e);
    }
  }

  public static BackupManifest parse(byte[] content) throws UnreadableManifestException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(new String(content, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new UnreadableManifestException("not JSON (cut short?): " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new UnreadableManifestException("not a JSON object");
    }
    int format = root.path("format").asInt(-1);
    if (format != FORMAT) {
      throw new UnreadableManifestException("format " + root.path("format") + ", this monitor reads format " + FORMAT);
    }
    JsonNode files = root.path("files");
    if (!files.isArray() || root.path("file_count").asInt(-1) != files.size()) {
      throw new UnreadableManifestException("its list of files is missing or does not have file_count entries");
    }
    List<FileEntry> entries = new ArrayList<>();
    for (JsonNode f : files) {
      if (!f.path("path").isTextual() || !f.path("size").canConvertToLong() || !f.path("sha256").isTextual()) {
        throw new UnreadableManifestException("a file entry without path, size and sha256: " + f);
      }
      entries.add(new FileEntry(f.get("path").asText(), f.get("size").asLong(), f.get("sha256").asText()));
    }
    List<String> missing = new ArrayList<>();
    JsonNode missingNode = root.path("missing");
    if (!missingNode.isMissingNode()) {
      if (!missingNode.isArray()) {
        throw new UnreadableManifestException("its list of missing files is not a list: " + missingNode);
      }
      for (JsonNode m : missingNode) {
        if (!m.isTextual()) {
          throw new UnreadableManifestException("a missing file that is not a path: " + m);
        }
        missing.add(m.asText());
      }
    }
    Optional<DatabaseSummary> database = Optional.empty();
    JsonNode db = root.path("database");
    if (db.isObject()) {
      Map<String, Long> tables = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = db.path("tables").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> table = it.next();
        tables.put(table.getKey(), table.getValue().asLong());
      }
      database = Optional.of(new DatabaseSummary(db.path("file").asText(), db.path("schema_version").asInt(), tables));
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(root.path("created_at").asText());
    } catch (DateTimeParseException e) {
      throw new UnreadableManifestException("created_at is not a time: " + root.path("created_at"));
    }
    return new BackupManifest(format, createdAt, root.path("source").asText(), database, entries, missing);
  }
}
