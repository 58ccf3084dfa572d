package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.StatusListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.industriallmonitor.config.LoggingConfig;
import org.industriallmonitor.testing.CliRun;
import org.industriallmonitor.testing.ReplicaExtension;
import org.industriallmonitor.testing.TestConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log file of {@code logging:}: how it rolls, and none at all with {@code file: false}. */
class LoggingTest {
  private static final Logger log = LoggerFactory.getLogger(LoggingTest.class);

  @TempDir Path dir;
  @RegisterExtension final ReplicaExtension replica = new ReplicaExtension();

  @AfterEach
  void noLogFile() {
    Logging.toFile(dir.resolve("unused"), new LoggingConfig(false, 1, 1, 1)); // detaches the file
  }

  @Test
  void theFileRollsAtMaxFileSizeCompressedAndTheRolledFilesStayUnderTheCap() throws IOException {
    Path logs = dir.resolve("logs");
    long cap = 8 * 1024;
    Logging.toFile(logs, new LoggingConfig(true, 1024, 30, cap));

    // Size is checked on every line (logback 1.5.8+ counts the bytes written): 64 lines of 300 random,
    // hardly compressible characters are some 20 files of 1 KB, about 12 KB compressed, beyond the cap and its
    // allowance below. Each roll compresses and caps in the background; a line waits until the rolls before it
    // are done with both. Caps running side by side (a roll every few lines, as here, never at the daemon's
    // 10 MB) each counted files the other was deleting, and deleted every rolled file between them now and then.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    AtomicInteger rolls = new AtomicInteger();
    AtomicInteger capped = new AtomicInteger();
    StatusListener counter = status -> {
      String message = status.getMessage();
      if (message.startsWith("Renaming file [") && message.endsWith(".tmp]")) {
        rolls.incrementAndGet();
      } else if (message.contains("on account of totalSizeCap=")) {
        capped.incrementAndGet();
      }
    };
    context.getStatusManager().add(counter);
    try {
      Random random = new Random(32);
      for (int i = 0; i < 64; i++) {
        byte[] noise = new byte[150];
        random.nextBytes(noise);
        log.info("line {} {}", i, HexFormat.of().formatHex(noise));
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
            .until(() -> capped.get() >= rolls.get() && compressing(logs).isEmpty());
      }
    } finally {
      context.getStatusManager().remove(counter);
    }
    assertThat(rolls.get()).as("rolls at 1 KB").isGreaterThan(10);
    assertThat(rolled(logs)).as("the rolled files, compressed").isNotEmpty();
    Logging.toFile(logs, new LoggingConfig(false, 1, 1, 1)); // stops the file: waits for compression and clean-up

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      List<Path> rolled = rolled(logs);
      assertThat(rolled).as("the log folder: %s", listing(logs)).isNotEmpty().allSatisfy(p -> assertThat(p.getFileName().toString()).matches("monitor\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log\\.gz"));
      // logback caps at each roll, in the background, beside that roll's compression: the files still being
      // compressed when the last clean-up measured land after it (one, or two on a loaded machine: 9,220
      // bytes were seen against a cap of 8,192 under a load of 15).
      assertThat(rolled.stream().mapToLong(LoggingTest::size).sum()).isLessThanOrEqualTo(cap + 2 * 1024);
    });
    // More was rolled than is kept: the cap removed the oldest.
    assertThat(rolled(logs).stream().map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".0.log.gz"));
    assertThat(Files.size(logs.resolve(Logging.FILE_NAME))).isLessThan(1024 + 400);
  }

  @Test
  void withoutALogFileOncePrintsWhatItPrintsAndWritesNothingToTheLogFolder() throws Exception {
    Path config = TestConfig.site(replica.baseUrl()).country("Kyrgyzstan", 364).writeTo(dir);
    Path withFile = dir.resolve("with-file");
    CliRun logged = CliRun.of("once", "--config", config.toString(), "--state", dir.resolve("state").toString(),
        "--logs", withFile.toString(), "--country", "Kyrgyzstan");
    assertThat(logged.exitCode()).as(logged.toString()).isZero();
    assertThat(withFile.resolve(Logging.FILE_NAME)).isNotEmptyFile();

    Files.writeString(config, Files.readString(config) + "logging:\n  file: false\n");
    Path without = dir.resolve("without-file");
    CliRun run = CliRun.of("once", "--config", config.toString(), "--state", dir.resolve("state2").toString(),
        "--logs", without.toString(), "--country", "Kyrgyzstan");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("Kyrgyzstan \\(region 364\\): pages \\d+, seen \\d+, new \\d+, archived \\d+, errors 0");
    assertThat(without).doesNotExist();
  }

  private static List<Path> rolled(Path logs) throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".gz")).sorted().toList();
    }
  }

  private static List<String> listing(Path logs) throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      return files.map(p -> p.getFileName().toString() + " (" + size(p) + ")").sorted().toList();
    }
  }

  private static List<Path> compressing(Path logs) throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
