package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.industriallmonitor.replica.ReplicaArticle;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An article's page after the site corrected it, then withdrew it. */
class ConsoleVersionsTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void showsEveryVersionTheNewestTextAndAWithdrawal() throws Exception {
    ReplicaArticle fresh = replica.catalog().publishNew(List.of(364), LocalDate.now(), 0);
    Path config = TestConfig.site(replica.baseUrl()).walksOnly().site("recheck_every", "1ms").country("Kyrgyzstan", 364).writeTo(dir);
    try (ConsoleFixture fixture = ConsoleFixture.start(config).crawlAll()) {
      Document before = Jsoup.parse(fixture.get("/articles/" + fresh.slug()).body());
      assertThat(before.select("dl.article").text()).contains("Versions this text only");

      replica.catalog().edit(fresh.slug(), List.of("The corrected paragraph."));
      assertThat(fixture.parts.monitor().recheck().updated()).isEqualTo(1);
      Document corrected = Jsoup.parse(fixture.get("/articles/" + fresh.slug()).body());
      assertThat(corrected.select("ol.versions li")).hasSize(2);
      assertThat(corrected.select("article.reader div.body").text()).isEqualTo("The corrected paragraph.");
      // The archived file one click away is the newest text; each version's file is a link of its own.
      assertThat(fixture.get(corrected.selectFirst("a#archived-file").attr("href")).body()).endsWith("\n\nThe corrected paragraph.");
      List<String> files = corrected.select("ol.versions li a").eachAttr("href");
      assertThat(files).containsExactly("/archived/" + fresh.slug() + "?version=1", "/archived/" + fresh.slug() + "?version=2");
      assertThat(fixture.get(files.get(0)).body()).doesNotContain("The corrected paragraph.");

      replica.catalog().withdraw(fresh.slug());
      assertThat(fixture.parts.monitor().recheck().removed()).isEqualTo(1);
      Document withdrawn = Jsoup.parse(fixture.get("/articles/" + fresh.slug()).body());
      assertThat(withdrawn.selectFirst("#removed").text()).startsWith("Withdrawn by the site: HTTP 404 since ");
      assertThat(withdrawn.select("article.reader div.body").text()).isEqualTo("The corrected paragraph.");
    }
  }
}
