package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's small things: buttons on one line, code in status texts, the early warning's last article. */
class DashboardTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();
  private ConsoleFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = ConsoleFixture.start(TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void statusTextsShowTheirCommandsAsCodeNeverAsBackticks() throws Exception {
    Document page = Jsoup.parse(fixture.get("/").body());

    assertThat(page.select("p.selectors code").eachText()).containsExactly("calibrate");
    assertThat(page.select("main").text()).doesNotContain("`");
  }

  @Test
  void codeIsMadeAfterEscapingAndAnUnpairedBacktickStays() {
    assertThat(DisplayText.withCode("run `reindex` then `once <all>`")).isEqualTo("run <code>reindex</code> then <code>once &lt;all&gt;</code>");
    assertThat(DisplayText.withCode("`<b>` & one ` left")).isEqualTo("<code>&lt;b&gt;</code> &amp; one &#x60; left");
    assertThat(DisplayText.withCode("no code\u0007")).isEqualTo("no code\uFFFD");
    assertThat(DisplayText.withCode(null)).isEmpty();
  }

  @Test
  void buttonsNeverBreakTheirLabelThoughTableCellsBreakLongWords() throws Exception {
    String css = fixture.get("/static/console.css").body();

    // A rule on the button itself wins over what it inherits from its cell.
    assertThat(css).contains("button { white-space: nowrap; overflow-wrap: normal; }");
  }
}
