package org.industriallmonitor.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.industriallmonitor.config.ClusterConfig;
import org.industriallmonitor.config.StorageConfig;

/**
 * The monitor's state: the SQLite or PostgreSQL database, opened and migrated once, used through repositories
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
  private final DiskHealthRepository diskHealth;
  private final RegionMoveRepository regionMoves;
  private final SiteMoveRepository siteMoves;
  private final ScheduleRepository schedule;
  private final LearnedSelectorRepository learnedSelectors;
  private final EarlyWarningRepository earlyWarning;
  private final SearchIndex search;
  private final RecheckRepository rechecks;
  private final WebConsoleRepository webConsole;

  private final ClusterConfig cluster;
  private final NodeRepository nodes;
  private final RetentionRepository retention;

  private Store(Database db, ClusterConfig cluster) {
    this.db = db;
    this.cluster = cluster;
    this.nodes = new NodeRepository(db);
    this.outbox = new OutboxRepository(db, cluster);
    this.problems = new ProblemArticleRepository(db);
    this.articles = new ArticleRepository(db, outbox, problems);
    this.countries = new CountryRepository(db);
    this.runs = new CrawlRunRepository(db, cluster);
    this.listingPages = new ListingPageRepository(db);
    this.health = new HealthRepository(db, outbox);
    this.diskHealth = new DiskHealthRepository(db, outbox);
    this.regionMoves = new RegionMoveRepository(db, outbox);
    this.siteMoves = new SiteMoveRepository(db, outbox);
    this.schedule = new ScheduleRepository(db);
    this.learnedSelectors = new LearnedSelectorRepository(db);
    this.earlyWarning = new EarlyWarningRepository(db, outbox);
    this.search = new SearchIndex(db);
    this.rechecks = new RecheckRepository(db, outbox);
    this.webConsole = new WebConsoleRepository(db);
    this.retention = new RetentionRepository(db, cluster);
  }

  /** Opens (creating and migrating when needed) the database that {@code storage} names. */
  public static Store open(StorageConfig storage) {
    return open(storage, ClusterConfig.defaults());
  }

  /**
   * The same, as the node {@code cluster} names: the crawls it records and the deliveries it
   * claims are its own, and other nodes count as dead after {@link ClusterConfig#deadAfter}.
   */
  public static Store open(StorageConfig storage, ClusterConfig cluster) {
    StateOwnership.refuseForeignArchive(storage.archive(), storage.isPostgres() ? null : storage.database());
    return new Store(Database.open(Dialect.of(storage)), cluster);
  }

  public static Store open(Path database, Duration busyTimeout) {
    return new Store(Database.open(database, busyTimeout), ClusterConfig.defaults());
  }

  /**
   * The database of {@code storage} as it is, for reading only: opened read-only when its folder
   * cannot be written (a read-only file system), as usual otherwise.
   */
  public static Store openForReading(StorageConfig storage) {
    if (storage.isPostgres()) {
      return open(storage);
    }
    Path folder = storage.database().toAbsolutePath().getParent();
    return Files.isWritable(folder) ? open(storage) : new Store(Database.openReadOnly(storage.database()), ClusterConfig.defaults());
  }

  /**
   * The SQLite database of {@code storage} as it is, only read, beside the daemon that may be writing it: to copy
   * it ({@code backup}). Never migrated, so that a backup taken with a new release before an upgrade holds the
   * state the running release wrote, which goes on using it; refused when a later release wrote it. Read as it is
   * on disk (immutable) in a folder that cannot be written, as {@link #openForReading} does. PostgreSQL is
   * copied by {@code pg_dump}, not here.
   */
  public static Store openForCopying(StorageConfig storage) {
    if (storage.isPostgres()) {
      throw new IllegalArgumentException("a PostgreSQL database is copied by pg_dump: " + storage.describeDatabase());
    }
    StateOwnership.refuseForeignArchive(storage.archive(), storage.database());
    // A folder that cannot be written has no daemon writing beside, nor room for SQLite's WAL index: read it as it is on disk.
    Path folder = storage.database().toAbsolutePath().getParent();
    Dialect dialect = Files.isWritable(folder) ? Dialect.sqliteBesideWriter(storage.database(), storage.busyTimeout())
        : Dialect.sqliteReadOnly(storage.database());
    return new Store(Database.openAsItIs(dialect), ClusterConfig.defaults());
  }

  /** The SQLite file; null when the state is in PostgreSQL. */
  public Path file() {
    return db.file();
  }

  /** The database as a user names it: its file, or its PostgreSQL address (no password). */
  public String describe() {
    return db.describe();
  }

  /** Whether the state is in PostgreSQL, shared by the nodes of a cluster. */
  public boolean isShared() {
    return db.dialect().shared();
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

  /** This process's node id (cluster.node_id). */
  public String node() {
    return cluster.nodeId();
  }

  public ClusterConfig cluster() {
    return cluster;
  }

  public NodeRepository nodes() {
    return nodes;
  }

  /** The history pruned after {@code storage.retention}, and what is kept. */
  public RetentionRepository retention() {
    return retention;
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

  public DiskHealthRepository diskHealth() {
    return diskHealth;
  }

  /** Configured countries the site lists under another region id now. */
  public RegionMoveRepository regionMoves() {
    return regionMoves;
  }

  /** Permanent redirects of the site's base URL to another address. */
  public SiteMoveRepository siteMoves() {
    return siteMoves;
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

  Database database() {
    return db;
  }

  /** The schema version: the number of the last migration applied. */
  public int schemaVersion() {
    return db.schemaVersion();
  }

  /** The schema version this release migrates a database to when it opens it for writing. */
  public int releaseSchemaVersion() {
    return db.latestMigration();
  }

  /** {@code PRAGMA integrity_check}: "ok" for a healthy file. */
  public String integrityCheck() {
    return db.integrityCheck();
  }

  /**
   * SQLite only (PostgreSQL is backed up with pg_dump): writes a consistent copy of the database to
   * {@code target} (which must not exist) with {@code VACUUM INTO}, one read transaction that writers beside
   * it do not wait for, and reads back from the copy what it holds.
   */
  public DatabaseCopy copyTo(Path target) {
    return db.copyTo(target);
  }

  /**
   * What the SQLite copy {@code file} (a backup's database) holds, read as it is, never migrated nor written:
   * its schema version, rows per table, and the archive files its rows name.
   */
  public static DatabaseCopy readCopy(Path file) {
    return Dialect.readSqliteCopy(file);
  }

  @Override
  public void close() {
    db.close();
  }
}
