package org.industriallmonitor.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
  void buttonsNeverBreakTheirLabelThoughTableCellsBreakLongWords() throws Exception {
    String css = fixture.get("/static/console.css").body();

    // A rule on the button itself wins over what it inherits from its cell.
    assertThat(css).contains("button { white-space: nowrap; overflow-wrap: normal; }");
  }
}
