package org.industriallmonitor.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.SiteConfig;
import org.industriallmonitor.fetch.HttpClients;
import org.industriallmonitor.parse.Region;
import org.industriallmonitor.replica.ReplicaTheme;
import org.industriallmonitor.site.Site;
import org.industriallmonitor.testing.ReplicaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calibration on each replica theme: every field learned, verified byte for byte, within 20 requests. */
class CalibratorTest {
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private final OkHttpClient client = HttpClients.create();

  @AfterEach
  void close() {
    HttpClients.shutdown(client);
  }

  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void everyFieldIsLearnedAndVerifiedOnEachTheme(ReplicaTheme theme) throws Exception {
    replica.server().theme(theme);
    SiteConfig config = new ConfigLoader(name -> null).parse(Path.of("monitor.yaml"), "site:\n  base_url: " + replica.baseUrl()
        + "\n  request_delay: 0ms\n  user_agent: \"industriall-monitor-test/1.0\"\ncountries: [{name: Kyrgyzstan, region: 364}]\n").site();
    Site site = new Site(config, client, Clock.systemUTC());
    References references = References.contract(replica.baseUrl().toString());

    Calibrator.Result result = new Calibrator(site.reader()).calibrate(references.articles(), references.listings(), references.regions());

    assertThat(result.fields()).allSatisfy(f -> assertThat(f.problem()).as(f.key()).isNull());
    assertThat(result.verified()).as(result.verification()).isTrue();
    assertThat(result.requests()).isLessThanOrEqualTo(20);
    System.out.println(theme + " " + result.requests() + " requests: " + result.selectors());
  }
}
