package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.industriallmonitor.testing.JarProcess;
import org.industriallmonitor.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The newcomer's first command, as the README gives it: the packaged jar through {@code bin/industriall-monitor}. */
class DemoJarIT {
  @TempDir Path dir;

  @Test
  void theDemoShowsANewArticleArchivedAndAlertedAndExitsZero() throws Exception {
    Path state = dir.resolve("demo");
    String launcher = Path.of("bin/industriall-monitor").toAbsolutePath().toString();
    // Class-data sharing off: its training would outlive the test (LauncherIT trains it and waits).
    Map<String, String> javaHome = Map.of("JAVA_HOME", System.getProperty("java.home"), "INDUSTRIALL_MONITOR_CDS", "off");
    try (JarProcess demo = JarProcess.command(dir, javaHome, List.of(launcher, "demo", "--state", state.toString()))) {
      long started = System.nanoTime();

      assertThat(demo.waitFor(90)).as(demo.toString()).isZero();

      assertThat((System.nanoTime() - started) / 1_000_000_000L).as("seconds").isLessThan(60);
      String out = demo.out();
      Matcher published = Pattern.compile("\"(Unions in Kyrgyzstan and Kazakhstan act on .*)\"").matcher(out);
      assertThat(published.find()).as(out).isTrue();
      String title = published.group(1);
      assertThat(out).contains("new article detected: " + title)
          .containsPattern("archived as " + Pattern.quote(state.resolve("archive/articles").toString()) + "/\\d{4}/[\\d-]+unions-in-kyrgyzstan-and-kazakhstan-act-on-.*\\.txt")
          .contains("   | Jump to main content\n   | IndustriALL logotype\n")
          .containsPattern("webhook alert received: article.new, X-Monitor-Delivery [0-9a-f-]{36}, signature verified")
          .contains("early warning rss: 20 items taken as the baseline")
          .containsSubsequence("early warning rss: 20 items, new 1, archived 1, errors 0", "pages 3, seen 28, new 0, archived 0, errors 0")
          .doesNotContain("\r");
      assertThat(Sql.column(state.resolve("monitor.db"), "SELECT status FROM outbox")).containsExactly("delivered");

      // The status command it prints works as printed, in a shell without the demo's webhook secret.
      Matcher hint = Pattern.compile("See what the monitor knows: (" + Pattern.quote(launcher) + " status --config \\S+)\n").matcher(out);
      assertThat(hint.find()).as(out).isTrue();
      ProcessBuilder statusCommand = new ProcessBuilder(hint.group(1).split(" ")).directory(dir.toFile()).redirectErrorStream(true);
      statusCommand.environment().putAll(javaHome);
      Process status = statusCommand.start();
      String shown = new String(status.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(status.waitFor()).as(shown).isZero();
      assertThat(shown).containsPattern("Kyrgyzstan\\s+364\\s+28\\s").containsPattern("demo-hook\\s+0\\s+1\\s+0");
    }
  }

  /**
   * The README's transcript of the demo is what the demo prints, run as the README runs it
   * ({@code bin/industriall-monitor demo} in the project's folder), but for what differs from run to
   * run: ports, the state folder, times, dates, delivery ids and signatures.
   */
  @Test
  void theReadmeShowsWhatTheDemoPrints() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int intro = readme.indexOf("What the demo prints");
    assertThat(intro).as("the README's demo transcript").isNotNegative();
    int start = readme.indexOf("```\n", intro) + 4;
    String transcript = readme.substring(start, readme.indexOf("```\n", start));

    ProcessBuilder run = new ProcessBuilder("bin/industriall-monitor", "demo").directory(Path.of("").toAbsolutePath().toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    run.environment().putAll(Map.of("JAVA_HOME", System.getProperty("java.home"), "INDUSTRIALL_MONITOR_CDS", "off"));
    Process demo = run.start();
    boolean exited = demo.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      demo.destroyForcibly();
    }
    String out = Files.readString(dir.resolve("out.txt"));
    Matcher state = Pattern.compile("The demo's files stay in (\\S+):").matcher(out);
    if (state.find()) {
      deleteTree(Path.of(state.group(1)));
    }
    assertThat(exited).as(out).isTrue();
    assertThat(demo.exitValue()).as(out + Files.readString(dir.resolve("err.txt"))).isZero();

    assertThat(runToRun(out)).isEqualTo(runToRun(transcript));
  }

  /** The text with what differs from one run of the demo to the next replaced by placeholders. */
  private static String runToRun(String text) {
    return text.replaceAll("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT")
        .replaceAll("\\S*/industriall-monitor-demo-\\d+", "STATE")
        .replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "DELIVERY-ID")
        .replaceAll("sha256=[0-9a-f]+", "sha256=HEX")
        .replaceAll("\\b\\d+ ms\\b", "N ms")
        .replaceAll("\\b\\d+\\.\\d+ ?s\\b", "N s")
        .replaceAll("\\d{4}-\\d{2}-\\d{2}", "DATE")
        .replaceAll("\\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December), \\d{4}", "DATE")
        .replaceAll("articles/\\d{4}/", "articles/YEAR/")
        // A line cut at 100 characters ends elsewhere when the date before is longer or shorter.
        .replaceAll("(?m)\\S*…$", "…");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  @Test
  void keptRunningTheDemoServesItsWebConsoleUntilSigterm() throws Exception {
    Path state = dir.resolve("demo");
    Map<String, String> javaHome = Map.of("JAVA_HOME", System.getProperty("java.home"), "INDUSTRIALL_MONITOR_CDS", "off");
    String launcher = Path.of("bin/industriall-monitor").toAbsolutePath().toString();
    try (JarProcess demo = JarProcess.command(dir, javaHome, List.of(launcher, "demo", "--state", state.toString(), "--keep-running"))) {
      Pattern hint = Pattern.compile("Open the web console: (http://127\\.0\\.0\\.1:\\d+/) ");
      String console = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
          .until(() -> { Matcher m = hint.matcher(demo.out()); return m.find() ? m.group(1) : null; }, url -> url != null);

      var http = java.net.http.HttpClient.newHttpClient();
      var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(console)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(org.jsoup.Jsoup.parse(page.body()).select("#newest li a").eachText())
          .first().satisfies(title -> assertThat(title).startsWith("Unions in Kyrgyzstan and Kazakhstan act on"));
      var json = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(console + "api/status")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(json.statusCode()).isEqualTo(200);

      // Reading the console left the state lock in place: the kernel still lists it for the demo's process,
      Path lock = state.resolve("monitor.lock");
      String holder = java.nio.file.Files.readString(lock).split(" ")[0];
      long inode = (Long) java.nio.file.Files.getAttribute(lock, "unix:ino");
      assertThat(java.nio.file.Files.readAllLines(Path.of("/proc/locks"))).as("/proc/locks after two console reads")
          .anySatisfy(line -> assertThat(line.trim().split("\\s+")).satisfies(f -> {
            assertThat(f[4]).isEqualTo(holder);
            assertThat(f[5]).endsWith(":" + inode);
          }));
      // and the demo is the state's daemon, with its next runs.
      Path config = state.resolve("monitor.yaml");
      try (JarProcess status = JarProcess.command(dir, javaHome, List.of(launcher, "status", "--config", config.toString()))) {
        assertThat(status.waitFor(60)).as(status.toString()).isZero();
        assertThat(status.out()).contains("A daemon is running on this state folder (pid ")
            .containsPattern("Kyrgyzstan\\s+364\\s+\\d+\\s+.*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\s+-?\\s*\\n");
      }
      try (JarProcess once = JarProcess.command(dir, javaHome, List.of(launcher, "once", "--config", config.toString()))) {
        assertThat(once.waitFor(60)).as(once.toString()).isEqualTo(4);
        assertThat(once.err()).contains("A daemon is already crawling this state folder");
      }

      demo.process().destroy();
      assertThat(demo.waitFor(20)).as(demo.toString()).isZero();
    }
  }
}
