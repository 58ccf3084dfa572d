package org.industriallmonitor.calibrate;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.industriallmonitor.parse.SiteUrls;
import org.industriallmonitor.replica.ReplicaCatalog;
import org.industriallmonitor.replica.ReplicaSidebar;
import org.industriallmonitor.replica.ReplicaTheme;

/**
 * The replica's pages as its server would serve them in {@code theme} with {@code sidebar}, rendered to
 * strings without a server: the calibration's three parts tried on markup alone.
 */
record RenderedReplica(ReplicaCatalog catalog, ReplicaTheme theme, ReplicaSidebar sidebar) implements ReferenceFetcher.Pages {
  /** Where the rendered site is said to be: nothing listens there, nothing asks. */
  static final String BASE = "http://replica.test";
  static final SiteUrls URLS = new SiteUrls(URI.create(BASE));
  private static final Pattern REGION = Pattern.compile("(?:^|&)regions=(\\d+)");
  private static final Pattern QUERY = Pattern.compile("(?:^|&)query=([^&]*)");
  private static final Pattern FROM = Pattern.compile("(?:^|&)from=(\\d+)");

  static RenderedReplica of(ReplicaTheme theme) {
    return of(theme, ReplicaSidebar.NONE);
  }

  static RenderedReplica of(ReplicaTheme theme, ReplicaSidebar sidebar) {
    return new RenderedReplica(ReplicaCatalog.standard(), theme, sidebar);
  }

  @Override
  public Optional<String> html(String url) {
    URI uri = URI.create(url);
    if (uri.getRawPath().equals("/search")) {
      Matcher region = REGION.matcher(uri.getRawQuery());
      Matcher from = FROM.matcher(uri.getRawQuery());
      Matcher query = QUERY.matcher(uri.getRawQuery());
      if (!region.find() && query.find()) {
        String words = java.net.URLDecoder.decode(query.group(1), java.nio.charset.StandardCharsets.UTF_8);
        return Optional.of(theme.listing(catalog, null, catalog.search(words, from.find() ? Integer.parseInt(from.group(1)) : 0)));
      }
      if (!region.reset().find()) {
        return Optional.empty();
      }
      int regionId = Integer.parseInt(region.group(1));
      return Optional.of(theme.listing(catalog, regionId, catalog.listing(regionId, from.find() ? Integer.parseInt(from.group(1)) : 0)));
    }
    return catalog.articleAt(uri.getRawPath()).map(article -> sidebar.apply(theme.article(catalog, article), catalog, article));
  }

  /** The contract's references as found on these pages. */
  FetchedReferences contractReferences() throws InterruptedException {
    References contract = contract();
    return new ReferenceFetcher(URLS, this, Calibrator.MAX_LISTING_PAGES).fetch(contract.articles(), contract.listings());
  }

  static References contract() {
    return References.contract(BASE);
  }
}
