package org.industriallmonitor.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.calibrate.References;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.Store;

/** What the monitor's own archive knows exactly, as calibration references: its newest articles, a country's first listing page. */
public final class ArchiveReferences {
  private ArchiveReferences() {}

  /** The newest {@code limit} archived articles (not degraded ones), with the countries their sidecars name. */
  public static References articles(Store store, Archive archive, int limit) throws IOException {
    References all = new References(List.of(), List.of(), Map.of());
    ObjectMapper json = new ObjectMapper();
    for (ArticleRepository.Archived a : store.articles().newest(limit)) {
      Path text = archive.resolve(a.archivePath());
      Path sidecar = archive.resolve(a.sidecarPath());
      if (!Files.isRegularFile(text) || !Files.isRegularFile(sidecar)) {
        continue;
      }
      List<Region> countries = new ArrayList<>();
      for (JsonNode c : json.readTree(sidecar.toFile()).path("countries")) {
        countries.add(new Region(c.path("id").asInt(), c.path("name").asText()));
      }
      all = all.plus(References.archived(a.url(), Files.readString(text), countries));
    }
    return all;
  }

  /** The items of the newest snapshot of {@code region}'s first listing page, if the archive has one. */
  public static References firstListingPage(Archive archive, int region) throws IOException {
    return firstListingPage(archive, region, region);
  }

  /**
   * The items of the newest snapshot of the first listing page of the country whose state is kept under
   * {@code region}, to be looked for under {@code siteRegion}, the id the site lists it under now (a country
   * followed to a new id keeps its snapshots under its configured one).
   */
  public static References firstListingPage(Archive archive, int region, int siteRegion) throws IOException {
    Path folder = archive.resolve("listings/" + region + "/from-0");
    if (!Files.isDirectory(folder)) {
      return new References(List.of(), List.of(), Map.of());
    }
    Optional<Path> newest;
    try (Stream<Path> snapshots = Files.list(folder)) {
      newest = snapshots.filter(p -> p.toString().endsWith(".txt")).max(Path::compareTo);
    }
    return newest.isEmpty() ? new References(List.of(), List.of(), Map.of()) : References.snapshot(siteRegion, Files.readString(newest.get()));
  }
}
