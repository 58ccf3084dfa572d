package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values a configuration may hold that cannot be meant, and secrets written where they would leak:
 * each is an error or a warning naming file, line and key, and no secret is echoed.
 */
class HostileConfigTest {
  private static final Path FILE = Path.of("monitor.yaml");
  private final ConfigLoader loader = new ConfigLoader(Map.of("WEBHOOK_PASSWORD", "pw-from-env", "TOPIC", "topic-from-env")::get);

  private static final String YAML = """
      site:
        base_url: https://www.industriall-union.org
        user_agent: "industriall-monitor/0.1 (+mailto:ops@solidarity.network)"
      countries:
        - {name: Kyrgyzstan, region: 364}
      """;

  private MonitorConfig parse(String yaml) {
    return loader.parse(FILE, yaml);
  }

  @Test
  void aWebTokenWhoseVariableIsUnsetIsARefusalEvenOnLoopback() {
    MonitorConfig config = new ConfigLoader(name -> null).parse(FILE, YAML + "web: {listen: \"127.0.0.1:8470\", token: \"${WEB_TOKEN}\"}\n");

    assertThat(config.web().refusalIfAny()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("monitor.yaml:6: web.token: environment variable WEB_TOKEN is not set").contains("export WEB_TOKEN"));
    assertThat(config.web().tokenIfSet()).isEmpty();
    MonitorConfig disabled = new ConfigLoader(name -> null).parse(FILE, YAML + "web: {enabled: false, token: \"${WEB_TOKEN}\"}\n");
    assertThat(disabled.web().refusalIfAny()).as("no console, nothing to refuse").isEmpty();
  }

  @Test
  void validateRefusesAConsoleTokenWhoseVariableIsUnset(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("monitor.yaml");
    java.nio.file.Files.writeString(file, YAML + "web: {listen: \"127.0.0.1:0\", token: \"${IM_TEST_UNSET_TOKEN}\"}\n");

    org.industriallmonitor.testing.CliRun run = org.industriallmonitor.testing.CliRun.of("validate", "--config", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains(file + ":6: web.token: environment variable IM_TEST_UNSET_TOKEN is not set");
  }

  @Test
  void durationsThatCannotBeMeantAreErrors() {
    assertThatThrownBy(() -> parse(YAML + "schedule: {every: 99999999d}\n"))
        .hasMessage("monitor.yaml:6: schedule.every: must be at most 366d, got 99999999d");
    assertThatThrownBy(() -> parse(YAML.replace("region: 364}", "region: 364, schedule: {every: 400d}}")))
        .hasMessageContaining("countries[0].schedule.every: must be at most 366d");
    assertThatThrownBy(() -> parse(YAML.replace("  user_agent", "  read_timeout: 99999999d\n  user_agent")))
        .hasMessage("monitor.yaml:3: site.read_timeout: must be at most 3650d, got 99999999d");
  }

  @Test
  void aBaseUrlWithAPortOutOfRangeAQueryOrCredentialsIsAnError() {
    assertThatThrownBy(() -> parse(YAML.replace("https://www.industriall-union.org", "https://www.industriall-union.org:99999")))
        .hasMessage("monitor.yaml:2: site.base_url: the port must be between 1 and 65535, got 99999");
    assertThatThrownBy(() -> parse(YAML.replace("https://www.industriall-union.org", "https://www.industriall-union.org/?lang=en")))
        .hasMessageStartingWith("monitor.yaml:2: site.base_url: give the site's address without a query or fragment");
    assertThatThrownBy(() -> parse(YAML.replace("https://www.industriall-union.org", "https://me:hunter2@www.industriall-union.org")))
        .hasMessageStartingWith("monitor.yaml:2: site.base_url: the site is read without signing in: remove the user and password")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void controlCharactersInACountryNameAreAnError() {
    assertThatThrownBy(() -> parse(YAML.replace("name: Kyrgyzstan", "name: \"Kyrgyz\\u001b[31mstan\"")))
        .hasMessage("monitor.yaml:5: countries[0].name: a name may not hold control characters (U+001B); write it as the site does");
    assertThatThrownBy(() -> parse(YAML.replace("name: Kyrgyzstan", "name: \"Kyrgyz\\u202Estan\"")))
        .hasMessageContaining("(U+202E)");
  }

  @Test
  void noDelayAgainstTheLiveSiteIsAWarning() {
    MonitorConfig config = parse(YAML.replace("  user_agent", "  request_delay: 0s\n  max_connections_per_host: 8\n  user_agent"));

    assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith("monitor.yaml:3: site.request_delay: 0s")
        .contains("www.industriall-union.org").contains("8 connections"));
    MonitorConfig replica = parse(YAML.replace("https://www.industriall-union.org", "http://127.0.0.1:8080")
        .replace("  user_agent", "  request_delay: 0s\n  user_agent"));
    assertThat(replica.warnings()).noneMatch(w -> w.contains("request_delay"));
  }

  @Test
  void aReasonableFileWithManyAliasesLoadsAndAnAliasBombIsRefused() {
    StringBuilder many = new StringBuilder(YAML.replace("countries:\n  - {name: Kyrgyzstan, region: 364}\n", ""));
    many.append("schedule: &every {every: 6h}\ncountries:\n");
    for (int i = 0; i < 25; i++) {
      many.append("  - {name: Country").append((char) ('A' + i)).append(", region: ").append(1000 + i).append(", schedule: *every}\n");
    }
    assertThat(parse(many.toString()).countries()).hasSize(25);

    StringBuilder bomb = new StringBuilder(YAML + "x0: &x0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 9; i++) {
      bomb.append("x").append(i).append(": &x").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*x").append(i - 1);
      }
      bomb.append("]\n");
    }
    assertThatThrownBy(() -> parse(bomb.toString())).hasMessageStartingWith("monitor.yaml:")
        .hasMessageContaining("more than 100000 values through its aliases");
  }

  @Test
  void aWebhookPasswordInItsAddressIsAWarningAndMasked() {
    MonitorConfig config = parse(YAML + """
        notifications:
          channels:
            - {id: hook, type: webhook, url: "https://bot:hunter2@hooks.example.org/in"}
            - {id: hook2, type: webhook, url: "https://bot:${WEBHOOK_PASSWORD}@hooks.example.org/in"}
        """);

    assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith("monitor.yaml:8: notifications.channels[0].url: holds a password")
        .doesNotContain("hunter2"));
    assertThat(config.warnings()).noneMatch(w -> w.contains("channels[1].url"));
    WebhookChannelConfig hook = (WebhookChannelConfig) config.notifications().channels().get(0);
    assertThat(hook.url().toString()).contains("hunter2");
    assertThat(hook.displayUrl()).isEqualTo("https://bot:***@hooks.example.org/in");
    assertThat(hook.toString()).doesNotContain("hunter2");
    assertThat(((WebhookChannelConfig) config.notifications().channels().get(1)).displayUrl()).doesNotContain("pw-from-env");
  }

  @Test
  void aSlackWebhookQueryCredentialsAndALoneUserTokenAreMasked() {
    MonitorConfig config = parse(YAML + """
        notifications:
          channels:
            - {id: slack, type: webhook, format: slack, url: "https://hooks.slack.com/services/T0/B0/slack-secret"}
            - {id: query, type: webhook, url: "https://hooks.example.org/in?token=query-secret&x=1"}
            - {id: lone, type: webhook, url: "https://lone-secret@hooks.example.org/in"}
        """);

    assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith("monitor.yaml:8: notifications.channels[0].url: a Slack incoming")
        .contains("${SLACK_WEBHOOK_URL}").doesNotContain("slack-secret"));
    List<String> shown = config.notifications().channels().stream().map(c -> ((WebhookChannelConfig) c).displayUrl()).toList();
    assertThat(shown).containsExactly("https://hooks.slack.com/***", "https://hooks.example.org/in?token=***&x=***",
        "https://***@hooks.example.org/in");
    assertThat(Secrets.maskNtfyUrl("https://ntfy.example.org/topic?auth=ntfy-secret")).isEqualTo("https://ntfy.example.org/***?auth=***");
  }

  @Test
  void anNtfyTopicWrittenInTheFileIsAWarningAndMasked() {
    MonitorConfig config = parse(YAML + """
        notifications:
          channels:
            - {id: phone, type: ntfy, url: "https://ntfy.sh/kg-8f3a"}
            - {id: phone2, type: ntfy, url: "https://ntfy.sh/${TOPIC}"}
        """);

    assertThat(config.warnings()).anySatisfy(w -> assertThat(w).startsWith("monitor.yaml:8: notifications.channels[0].url: the topic")
        .contains("${NTFY_TOPIC}").doesNotContain("kg-8f3a"));
    assertThat(config.warnings()).noneMatch(w -> w.contains("channels[1].url"));
    ChatChannelConfig.Ntfy phone = (ChatChannelConfig.Ntfy) config.notifications().channels().get(0);
    assertThat(phone.displayUrl()).isEqualTo("https://ntfy.sh/***");
    assertThat(phone.toString()).doesNotContain("kg-8f3a");
  }

  @Test
  void aDiscordWebhookWrittenInTheFileIsAnErrorLikeEveryOtherChatToken() {
    assertThatThrownBy(() -> parse(YAML + """
        notifications:
          channels:
            - {id: server, type: discord, url: "https://discord.com/api/webhooks/123/abc-token"}
        """)).hasMessageStartingWith("monitor.yaml:8: notifications.channels[0].url: a Discord webhook address holds its token")
        .hasMessageContaining("${DISCORD_WEBHOOK_URL}")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc-token"));
  }
}
