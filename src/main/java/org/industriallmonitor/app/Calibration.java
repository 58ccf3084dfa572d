package org.industriallmonitor.app;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.industriallmonitor.calibrate.Calibrator;
import org.industriallmonitor.calibrate.References;

/**
 * {@code calibrate}: the site's selectors learned from pages whose text is known (the contract's, the
 * archive's newest articles and first listing pages, and those a person gives), verified by re-rendering,
 * and kept in the state for the next crawls.
 */
public final class Calibration {
  /** The requests a calibration makes at most, robots.txt aside. */
  public static final int REQUEST_BUDGET = Calibrator.REQUEST_BUDGET;
  /** Newest articles of the archive that join the contract's references. */
  static final int ARCHIVE_REFERENCES = 3;
  /** Countries whose first listing page, as the archive saw it, joins the references. */
  static final int ARCHIVE_LISTINGS = 2;

  /**
   * The pages a person gives ({@code --reference URL=FILE}), read before the state is touched, so that a
   * reference that is not one changes nothing.
   */
  public static final class GivenReferences {
    public static final GivenReferences NONE = new GivenReferences(new References(List.of(), List.of(), Map.of()));

    private final References references;

    private GivenReferences(References references) {
      this.references = references;
    }

    /**
     * These and the page at {@code url} whose text is {@code text}: an article's archive text, or a listing
     * snapshot of a {@code regions=} page.
     *
     * @throws IllegalArgumentException when the text is neither (the message says so)
     */
    public GivenReferences plus(String url, String text) {
      return new GivenReferences(references.plus(References.given(url, text)));
    }
  }

  /** One selector: learned and verified ({@code problem} null), or what was tried and how it differs. */
  public record Field(String key, String selector, String matched, String problem) {
    public boolean learned() {
      return problem == null;
    }
  }

  /**
   * What a calibration found against {@code articles} reference articles and {@code listings} listings: every
   * field, whether the whole set verified, the requests it took of its {@code budget}, and which references it found
   * where (one line each: {@code articles: 2 of 2}, then each known listing's pages and how each was found).
   */
  public record Report(int articles, int listings, List<Field> fields, boolean verified, String verification, int requests, int budget,
      List<String> references) {
    public Report {
      fields = List.copyOf(fields);
      references = List.copyOf(references);
    }

    /** Every field learned and the whole set verified: only then are the selectors kept. */
    public boolean complete() {
      return verified && fields.stream().allMatch(Field::learned);
    }

    /** The learned selectors by YAML key, in the report's order. */
    public Map<String, String> selectors() {
      Map<String, String> learned = new LinkedHashMap<>();
      fields.stream().filter(Field::learned).forEach(f -> learned.put(f.key(), f.selector()));
      return learned;
    }
  }

  private final Components parts;
  private final Clock clock;

  Calibration(Components parts, Clock clock) {
    this.parts = parts;
    this.clock = clock;
  }

  /** Learns the selectors against the given pages first (the report's closest matches are about them), then the contract's and the archive's. */
  public Report calibrate(GivenReferences given) throws IOException, InterruptedException {
    References references = given.references.plus(References.contract(parts.config().site().base())).plus(archived());
    // The configured countries too: on a site that renumbered its countries, the known items are under their new ids.
    Calibrator.Result result = new Calibrator(parts.site().reader(), parts.config().countries()).calibrate(references.articles(), references.listings(),
        references.regions());
    List<Field> fields = result.fields().stream().map(f -> new Field(f.key(), f.selector(), f.matched(), f.problem())).toList();
    return new Report(references.articles().size(), references.listings().size(), fields, result.verified(), result.verification(),
        result.requests(), result.budget(), result.references());
  }

  /** Keeps the report's selectors in the state, in place of those learned before: the next crawls use them. */
  public void keep(Report report) {
    parts.store().learnedSelectors().replaceAll(report.selectors(), clock.instant());
  }

  /**
   * The newest articles of the archive, and the first listing page it saw of the first configured countries,
   * looked for under the id the site lists each under now when a move is recorded.
   */
  private References archived() throws IOException {
    if (!parts.config().storage().hasDatabase()) {
      return new References(List.of(), List.of(), Map.of());
    }
    References all = ArchiveReferences.articles(parts.store(), parts.archive(), ARCHIVE_REFERENCES);
    for (var country : parts.config().countries().stream().limit(ARCHIVE_LISTINGS).toList()) {
      int siteRegion = parts.store().regionMoves().of(country.region()).map(m -> m.siteRegion()).orElse(country.region());
      all = all.plus(ArchiveReferences.firstListingPage(parts.archive(), country.region(), siteRegion));
    }
    return all;
  }
}
