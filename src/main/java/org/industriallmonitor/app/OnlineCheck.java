package org.industriallmonitor.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.crawl.CrawlReport;
import org.industriallmonitor.fetch.FetchException;
import org.industriallmonitor.fetch.FetchResult;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.parse.LayoutException;
import org.industriallmonitor.parse.ListingPage;
import org.industriallmonitor.parse.ResultRange;
import org.industriallmonitor.site.SiteReader;

/**
 * What {@code validate --online} asks the site about a configuration, paced and under robots.txt
 * like a crawl: its list of countries (one request), and the first listing page of each
 * configured country (one request each). Archives and records nothing.
 */
public final class OnlineCheck {
  private OnlineCheck() {}

  /** The site's country list by region id, or the problem that kept it from being read. */
  public record CountryList(String url, Map<Integer, String> regions, String problem) {}

  /**
   * One configured country as the site shows it. {@code listed} is empty when the country list
   * could not be read; {@code results} is null when the first page had no readable summary.
   */
  public record Finding(CountryConfig country, Optional<Boolean> listed, Integer results, String firstTitle, String problem,
      String warning) {
    /** True when nothing about the country needs fixing (a warning may still ask a question). */
    public boolean ok() {
      return problem == null && listed.orElse(true);
    }
  }

  public record Report(CountryList countryList, List<Finding> countries) {
    public boolean ok() {
      return countryList.problem() == null && countries.stream().allMatch(Finding::ok);
    }
  }

  public static Report run(SiteReader site, List<CountryConfig> countries) throws InterruptedException {
    CountryList list = countryList(site);
    List<Finding> findings = new ArrayList<>();
    for (CountryConfig country : countries) {
      Optional<Boolean> listed = list.problem() == null ? Optional.of(list.regions().containsKey(country.region())) : Optional.empty();
      String url = site.urls().listing(country.region(), 0);
      try {
        FetchResult result = site.fetcher().fetch(url, Validators.NONE);
        ListingPage page = site.listingParser().parse(result.body(), url);
        Integer results = page.range().map(ResultRange::total).orElse(null);
        String first = page.items().isEmpty() ? null : page.items().get(0).title();
        String warning = Integer.valueOf(0).equals(results) ? CrawlReport.noResults(country.region()) : null;
        findings.add(new Finding(country, listed, results, first, null, warning));
      } catch (FetchException | LayoutException e) {
        findings.add(new Finding(country, listed, null, null, e.getMessage(), null));
      }
    }
    return new Report(list, findings);
  }

  private static CountryList countryList(SiteReader site) throws InterruptedException {
    String url = site.urls().facets();
    try {
      FetchResult page = site.fetcher().fetch(url, Validators.NONE);
      return new CountryList(url, site.listingParser().regions(page.body(), url), null);
    } catch (FetchException | LayoutException e) {
      return new CountryList(url, Map.of(), e.getMessage());
    }
  }
}
