package org.industriallmonitor.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.industriallmonitor.config.StorageConfig;

/**
 * The monitor's state: the SQLite database, opened and migrated once, used through repositories
 * that take and return values. Work that spans tables (an article with its alerts, a crawl's
 * health with its monitor alert) is one method here, one transaction there.
 */
public final class Store implements AutoCloseable {
  private final Database db;
  private final OutboxRepository outbox;
  private final ProblemArticleRepository problems;
  private final ArticleRepository articles;
  private final CountryRepository countries;
  private final CrawlRunRepository runs;
  private final ListingPageRepository listingPages;
  private final HealthRepository health;
  private final ScheduleRepository schedule;
  private final LearnedSelectorRepository learnedSelectors;
  private final EarlyWarningRepository earlyWarning;
  private final SearchIndex search;
  private final RecheckRepository rechecks;
  private final WebConsoleRepository webConsole;

  private Store(Database db) {
    this.db = db;
    this.outbox = new OutboxRepository(db);
    this.problems = new ProblemArticleRepository(db);
    this.articles = new ArticleRepository(db, outbox, problems);
    this.countries = new CountryRepository(db);
    this.runs = new CrawlRunRepository(db);
    this.listingPages = new ListingPageRepository(db);
    this.health = new HealthRepository(db, outbox);
    this.schedule = new ScheduleRepository(db);
    this.learnedSelectors = new LearnedSelectorRepository(db);
    this.earlyWarning = new EarlyWarningRepository(db, outbox);
    this.search = new SearchIndex(db);
    this.rechecks = new RecheckRepository(db, outbox);
    this.webConsole = new WebConsoleRepository(db);
  }

  /** Opens (creating and migrating when needed) the database that {@code storage} names. */
  public static Store open(StorageConfig storage) {
    return open(storage.database(), storage.busyTimeout());
  }

  public static Store open(Path database, Duration busyTimeout) {
    return new Store(Database.open(database, busyTimeout));
  }

  /**
   * The database of {@code storage} as it is, for reading only: opened read-only when its folder
   * cannot be written (a read-only file system), as usual otherwise.
   */
  public static Store openForReading(StorageConfig storage) {
    Path folder = storage.database().toAbsolutePath().getParent();
    return Files.isWritable(folder) ? open(storage) : new Store(Database.openReadOnly(storage.database()));
  }

  public Path file() {
    return db.file();
  }

  /** Whether the database answers a query now (the console's health check). */
  public boolean answers() {
    try {
      return db.read(c -> {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT 1")) {
          return rs.next();
        }
      });
    } catch (StoreException e) {
      return false;
    }
  }

  public WebConsoleRepository webConsole() {
    return webConsole;
  }

  public RecheckRepository rechecks() {
    return rechecks;
  }

  public SearchIndex search() {
    return search;
  }

  public ArticleRepository articles() {
    return articles;
  }

  public CountryRepository countries() {
    return countries;
  }

  public CrawlRunRepository runs() {
    return runs;
  }

  public ListingPageRepository listingPages() {
    return listingPages;
  }

  public ProblemArticleRepository problems() {
    return problems;
  }

  public OutboxRepository outbox() {
    return outbox;
  }

  public HealthRepository health() {
    return health;
  }

  public ScheduleRepository schedule() {
    return schedule;
  }

  public LearnedSelectorRepository learnedSelectors() {
    return learnedSelectors;
  }

  public EarlyWarningRepository earlyWarning() {
    return earlyWarning;
  }

  /** The schema version: the number of the last migration applied. */
  public int schemaVersion() {
    return db.schemaVersion();
  }

  /** {@code PRAGMA integrity_check}: "ok" for a healthy file. */
  public String integrityCheck() {
    return db.integrityCheck();
  }

  @Override
  public void close() {
    db.close();
  }
}
