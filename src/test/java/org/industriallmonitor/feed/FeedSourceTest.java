package org.industriallmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.Accepts;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.fetch.UnusableResponseException;
import org.industriallmonitor.fetch.Validators;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.site.SiteReader;
import org.industriallmonitor.testing.ReplicaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Polling the replica's {@code /rss.xml} through the site's fetcher, with conditional requests. */
class FeedSourceTest {
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private final OkHttpClient client = HttpClients.create();

  @AfterEach
  void close() {
    HttpClients.shutdown(client);
  }

  private SiteReader reader() throws Exception {
    SiteConfig config = new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), "site:\n  base_url: " + replica.baseUrl()
        + "\n  request_delay: 0ms\n  user_agent: \"industriall-monitor-test/1.0\"\ncountries: [{name: Kyrgyzstan, region: 364}]\n").site();
    return new Site(config, client, Clock.systemUTC()).reader();
  }

  @Test
  void aNewArticleIsFirstInTheFeedAndAnUnchangedFeedAnswers304() throws Exception {
    SiteReader reader = reader();
    FeedSource source = new FeedSource(reader.fetcher(), new FeedParser(reader.urls()), replica.baseUrl() + "/rss.xml");

    EarlyWarningSource.Poll first = source.poll(Validators.NONE, slug -> false);
    assertThat(first.notModified()).isFalse();
    assertThat(first.items()).hasSize(20);
    assertThat(first.validators().etag()).isNotNull();

    int before = replica.tweaks().requestCount();
    EarlyWarningSource.Poll unchanged = source.poll(first.validators(), slug -> false);
    assertThat(unchanged.notModified()).isTrue();
    assertThat(unchanged.items()).isEmpty();
    assertThat(replica.tweaks().requestCount() - before).isEqualTo(1);

    ReplicaArticle published = replica.catalog().publishNew(List.of(364, 169), LocalDate.now(), 7);
    EarlyWarningSource.Poll changed = source.poll(first.validators(), slug -> false);
    assertThat(changed.notModified()).isFalse();
    assertThat(changed.items().get(0).slug()).isEqualTo(published.slug());
    assertThat(changed.items().get(0).title()).isEqualTo(published.title());
    assertThat(changed.items().subList(1, 20)).extracting(FeedItem::slug).isEqualTo(
        first.items().subList(0, 19).stream().map(FeedItem::slug).toList());
  }

  @Test
  void aPageIsNotTakenForAFeedNorAFeedForAPage() throws Exception {
    SiteReader reader = reader();

    assertThatThrownBy(() -> reader.fetcher().fetch(replica.baseUrl() + "/rss.xml", Validators.NONE))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("is not HTML");
    assertThatThrownBy(() -> reader.fetcher().fetch(replica.baseUrl() + "/search?regions=364", Validators.NONE, Accepts.FEED))
        .isInstanceOf(UnusableResponseException.class).hasMessageContaining("text/html is not a feed");
  }
}
