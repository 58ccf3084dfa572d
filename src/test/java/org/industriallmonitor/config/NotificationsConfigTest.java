package org.industriallmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationsConfigTest {
  private static final Path FILE = Path.of("monitor.yaml");
  private final ConfigLoader loader = new ConfigLoader(Map.of("WEBHOOK_SECRET", "s3cret", "SMTP_PASSWORD", "pw")::get);

  private static final String YAML = """
      site:
        base_url: https://www.industriall-union.org
      notifications:
        channels:
          - id: team-hook
            type: webhook
            url: https://hooks.example.org/industriall
            secret: ${WEBHOOK_SECRET}
            format: json
          - id: team-mail
            type: email
            smtp: {host: smtp.example.org, port: 587, starttls: true, username: monitor, password: ${SMTP_PASSWORD}}
            from: monitor@example.org
            to: [team@example.org]
            digest: "0 0 8 * * ?"
      countries:
        - {name: Kyrgyzstan, region: 364, notify: [team-hook]}
        - {name: Kazakhstan, region: 169}
      """;

  @Test
  void readsChannelsAndRouting() {
    MonitorConfig config = loader.parse(FILE, YAML);
    NotificationsConfig n = config.notifications();

    assertThat(n.channels()).containsExactly(
        new WebhookChannelConfig("team-hook", URI.create("https://hooks.example.org/industriall"), "s3cret", "json"),
        new EmailChannelConfig("team-mail", new SmtpConfig("smtp.example.org", 587, true, false, "monitor", "pw", Duration.ofSeconds(30)),
            "monitor@example.org", List.of("team@example.org"), "0 0 8 * * ?"));
    assertThat(n.alerts()).containsExactly("team-hook", "team-mail");
    assertThat(config.countries().get(0).channels()).containsExactly("team-hook");
    assertThat(config.countries().get(1).channels()).as("default: every channel").containsExactly("team-hook", "team-mail");
    assertThat(n.maxAttempts()).isEqualTo(12);
  }

  @Test
  void secretsNeverShowInToString() {
    MonitorConfig config = loader.parse(FILE, YAML);

    assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("pw,").contains("secret=(set)").contains("password=(set)");
  }

  @Test
  void unknownChannelInNotifyIsAnError() {
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("notify: [team-hook]", "notify: [team-hok]")))
        .hasMessage("monitor.yaml:17: countries[0].notify[0]: no channel with id 'team-hok' (channels: team-hook, team-mail)");
  }

  @Test
  void anUnsetSecretLeavesTheChannelUnresolvedWithAWarningAndTheRestChecked() {
    ConfigLoader noEnvironment = new ConfigLoader(name -> null);

    MonitorConfig config = noEnvironment.parse(FILE, YAML);

    assertThat(config.notifications().channels()).containsExactly(
        new UnresolvedChannelConfig("team-hook", "webhook", null, List.of("WEBHOOK_SECRET")),
        new UnresolvedChannelConfig("team-mail", "email", "0 0 8 * * ?", List.of("SMTP_PASSWORD")));
    assertThat(config.countries().get(0).channels()).containsExactly("team-hook");
    assertThat(config.warnings()).contains(
        "monitor.yaml:5: notifications.channels[0]: channel 'team-hook' cannot send: environment variable WEBHOOK_SECRET is not set;"
            + " set it in the monitor's environment and restart it (its deliveries wait in the outbox until then)",
        "monitor.yaml:10: notifications.channels[1]: channel 'team-mail' cannot send: environment variable SMTP_PASSWORD is not set;"
            + " set it in the monitor's environment and restart it (its deliveries wait in the outbox until then)");
    assertThatThrownBy(() -> noEnvironment.parse(FILE, YAML.replace("format: json", "format: xml")))
        .as("the values that do not need the secret are still checked")
        .hasMessage("monitor.yaml:9: notifications.channels[0].format: expected json or slack, got 'xml'");
    assertThatThrownBy(() -> noEnvironment.parse(FILE, YAML.replace("base_url: https://www.industriall-union.org", "base_url: ${SITE}")))
        .as("outside notifications, an unset variable stays an error")
        .hasMessage("monitor.yaml:2: site.base_url: environment variable SITE is not set (the value refers to ${SITE})");
  }

  @Test
  void badValuesAreErrorsWithTheirLine() {
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("type: webhook", "type: pigeon")))
        .hasMessage("monitor.yaml:6: notifications.channels[0].type: unknown channel type 'pigeon' (expected webhook, email, ntfy, matrix, discord or telegram)");
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("format: json", "format: xml")))
        .hasMessage("monitor.yaml:9: notifications.channels[0].format: expected json or slack, got 'xml'");
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("to: [team@example.org]", "to: [not an address]")))
        .hasMessage("monitor.yaml:14: notifications.channels[1].to[0]: not a valid e-mail address: 'not an address'");
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("digest: \"0 0 8 * * ?\"", "digest: daily")))
        .hasMessageStartingWith("monitor.yaml:15: notifications.channels[1].digest: not a valid Quartz cron expression");
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("starttls: true", "starttls: true, ssl: true")))
        .hasMessageContaining("give ssl (TLS from the start, port 465) or starttls (port 587), not both");
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("- id: team-mail", "- id: team-hook")))
        .hasMessage("monitor.yaml:10: notifications.channels[1]: the channel id 'team-hook' is used twice (first at line 5)");
    assertThatThrownBy(() -> loader.parse(FILE, YAML.replace("format: json", "format: json\n      smtp: {host: x}")))
        .hasMessageContaining("notifications.channels[0].smtp: unknown key 'smtp'");
  }

  @Test
  void aSecretWrittenInTheFileIsWarnedOfByKeyAndLine() {
    MonitorConfig config = loader.parse(FILE, YAML.replace("secret: ${WEBHOOK_SECRET}", "secret: abc")
        .replace("password: ${SMTP_PASSWORD}", "password: hunter2"));

    assertThat(config.warnings()).contains(
        "monitor.yaml:8: notifications.channels[0].secret: is written in the file: read it from the environment instead"
            + " (secret: ${WEBHOOK_SECRET}), so that it stays out of backups, commits and logs",
        "monitor.yaml:12: notifications.channels[1].smtp.password: is written in the file: read it from the environment instead"
            + " (password: ${SMTP_PASSWORD}), so that it stays out of backups, commits and logs");
    assertThat(String.join("\n", config.warnings())).doesNotContain("abc").doesNotContain("hunter2");
    assertThat(loader.parse(FILE, YAML).warnings()).noneMatch(w -> w.contains("is written in the file"));
  }
}
