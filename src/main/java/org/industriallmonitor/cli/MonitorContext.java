package org.industriallmonitor.cli;

import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.industriallmonitor.archive.Archive;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.crawl.CountryCrawler;
import org.industriallmonitor.crawl.Crawler;
import org.industriallmonitor.crawl.NewArticleAlerts;
import org.industriallmonitor.crawl.SlugLocks;
import org.industriallmonitor.fetch.HostPacer;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.fetch.HttpFetcher;
import org.industriallmonitor.fetch.RetryPolicy;
import org.industriallmonitor.fetch.RobotsRules;
import org.industriallmonitor.parse.ArticleParser;
import org.industriallmonitor.parse.ListingParser;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.store.ArticleRepository;
import org.industriallmonitor.store.CountryRepository;
import org.industriallmonitor.store.CrawlRunRepository;
import org.industriallmonitor.store.Database;
import org.industriallmonitor.store.ListingPageRepository;

/** The one place that builds the monitor's parts from a configuration and wires them together. */
public final class MonitorContext implements AutoCloseable {
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

  private final MonitorConfig config;
  private final Database database;
  private final OkHttpClient http;
  private final HttpFetcher fetcher;
  private final Archive archive;
  private final CrawlRunRepository runs;
  private final ArticleRepository articles;
  private final Crawler crawler;

  private MonitorContext(MonitorConfig config, Clock clock) {
    this.config = config;
    SiteConfig site = config.site();
    SiteUrls urls = new SiteUrls(site.baseUrl());
    this.database = Database.open(config.storage().database(), BUSY_TIMEOUT);
    this.http = HttpClients.create(site.connectTimeout(), site.readTimeout(), site.callTimeout(), site.maxConnectionsPerHost());
    HostPacer pacer = new HostPacer(site.requestDelay(), site.maxConnectionsPerHost());
    this.fetcher = new HttpFetcher(http, pacer, new RetryPolicy(site.retries(), site.retryBackoff(), Duration.ofMinutes(1)),
        site.userAgent(), site.maxBodySize(), (HttpUrl url) -> urls.isOnSite(url.toString()), RobotsRules.ALLOW_ALL);
    this.archive = new Archive(config.storage().archive());
    this.runs = new CrawlRunRepository(database);
    this.articles = new ArticleRepository(database);
    CountryCrawler countryCrawler = new CountryCrawler(fetcher, urls, new ListingParser(site.selectors(), urls),
        new ArticleParser(site.selectors()), archive,
        new CountryCrawler.Repositories(new CountryRepository(database), articles, new ListingPageRepository(database), runs),
        NewArticleAlerts.NONE, new SlugLocks(), clock, site.maxPages());
    this.crawler = new Crawler(countryCrawler);
  }

  public static MonitorContext open(MonitorConfig config, Clock clock) {
    return new MonitorContext(config, clock);
  }

  public MonitorConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  public HttpFetcher fetcher() {
    return fetcher;
  }

  public Archive archive() {
    return archive;
  }

  public CrawlRunRepository runs() {
    return runs;
  }

  public ArticleRepository articles() {
    return articles;
  }

  public Crawler crawler() {
    return crawler;
  }

  @Override
  public void close() {
    HttpClients.shutdown(http);
    database.close();
  }
}
