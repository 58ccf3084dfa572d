package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** init, status --json, the progress bar and the help of every command. */
class FirstMinutesTest {
  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @Test
  void initWritesTheCommentedTemplateAndTheFolders() throws Exception {
    CliRun run = CliRun.of("init", "--dir", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Path config = dir.resolve("config/monitor.yaml");
    assertThat(config).exists();
    assertThat(dir.resolve("state")).isDirectory();
    assertThat(dir.resolve("logs")).isDirectory();
    assertThat(Files.readString(config)).contains("${WEBHOOK_SECRET}").contains("${SMTP_PASSWORD}").contains("# max_body_size: 5MB");
    assertThat(run.out()).contains("validate").contains("once").contains("countries");
    assertThat(CliRun.of("validate", "--config", config.toString()).exitCode()).as("the template is valid as written").isZero();
  }

  @Test
  void initNeverOverwrites() throws Exception {
    CliRun.of("init", "--dir", dir.toString());
    Files.writeString(dir.resolve("config/monitor.yaml"), "# mine\n");

    CliRun again = CliRun.of("init", "--dir", dir.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("exists already; not overwriting it");
    assertThat(Files.readString(dir.resolve("config/monitor.yaml"))).isEqualTo("# mine\n");
  }

  @Test
  void theRepositorysConfigIsTheInitTemplate() throws Exception {
    try (var template = InitCommand.class.getResourceAsStream(InitCommand.TEMPLATE)) {
      assertThat(Files.readString(Path.of("config/monitor.yaml"))).isEqualTo(new String(template.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void statusJsonIsForScripts() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).country("Kazakhstan", 169)
        .topLevel("notifications:\n  channels:\n    - {id: hook, type: webhook, url: \"http://127.0.0.1:9/hook\"}\n").writeTo(dir);
    CliRun.of("once", "--config", config.toString(), "--country", "364");

    CliRun run = CliRun.of("status", "--json", "--config", config.toString());

    JsonNode status = new ObjectMapper().readTree(run.out());
    assertThat(status.get("daemon").get("running").asBoolean()).isFalse();
    JsonNode kyrgyzstan = status.get("countries").get(0);
    assertThat(kyrgyzstan.get("name").asText()).isEqualTo("Kyrgyzstan");
    assertThat(kyrgyzstan.get("region").asInt()).isEqualTo(364);
    assertThat(kyrgyzstan.get("articles").asInt()).isEqualTo(27);
    assertThat(kyrgyzstan.get("last_success").asText()).matches("\\d{4}-.*Z");
    assertThat(kyrgyzstan.get("baseline_complete").asBoolean()).isTrue();
    assertThat(kyrgyzstan.get("last_error").isNull()).isTrue();
    assertThat(status.get("countries").get(1).get("last_crawl").isNull()).isTrue();
    assertThat(status.get("channels").get(0).get("id").asText()).isEqualTo("hook");
    assertThat(status.get("channels").get(0).get("pending").asInt()).isZero();
  }

  @Test
  void theProgressBarDrawsPagesThenArticlesAndClearsItself() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TerminalProgress progress = new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    progress.listing("Kyrgyzstan", 1, 3);
    progress.articles("Kyrgyzstan", 20, 27);
    progress.finished("Kyrgyzstan");

    String drawn = bytes.toString(StandardCharsets.UTF_8);
    assertThat(drawn).contains("\rKyrgyzstan       [##----------------------]  10%  listing page 1 of 3")
        .contains("\rKyrgyzstan       [####################----]  82%  new articles 20 of 27")
        .endsWith("\r");
  }

  @Test
  void everyCommandDocumentsItsExitCodes() {
    for (String command : new String[] {"demo", "init", "run", "once", "validate", "status", "countries", "notify-test", "outbox", "replica"}) {
      CliRun help = CliRun.of(command, "--help");
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).contains("Exit codes:").containsPattern("\\n\\s+0\\s+");
    }
  }
}
