package org.industriallmonitor.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.ConfigLoader;
import org.industriallmonitor.config.CountryConfig;
import org.industriallmonitor.config.MonitorConfig;

/**
 * A monitor with its console, in this process: the parts the daemon builds (metrics counting
 * its crawls and deliveries), crawling the replica as the daemon's jobs do, and the console
 * serving its state on a free loopback port.
 */
final class ConsoleFixture implements AutoCloseable {
  final MonitorConfig config;
  final Components parts;
  final ConsoleServer console;
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private ConsoleFixture(MonitorConfig config, Components parts, ConsoleServer console) {
    this.config = config;
    this.parts = parts;
    this.console = console;
  }

  static ConsoleFixture start(Path configFile) throws IOException {
    return start(configFile, Clock.systemUTC());
  }

  /** A console whose clock (sessions, sign-in limits, page times) is {@code clock}. */
  static ConsoleFixture start(Path configFile, Clock clock) throws IOException {
    MonitorConfig config = ConfigLoader.withSystemEnvironment().load(configFile);
    Components parts = Components.builder(config).consoleMetrics(true).build();
    ConsoleServer console = ConsoleServer.start(config.web(), () -> parts.monitor().config(), () -> null, parts.store(),
        parts.archive(), parts.metrics().orElseThrow(), clock);
    return new ConsoleFixture(config, parts, console);
  }

  /** Crawls every configured country once, as the daemon's jobs do. */
  ConsoleFixture crawlAll() throws InterruptedException {
    for (CountryConfig country : config.countries()) {
      parts.monitor().crawl(country);
    }
    return this;
  }

  URI url(String pathAndQuery) {
    return console.url().resolve(pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(pathAndQuery)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String form, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    console.close();
    parts.close();
  }
}
