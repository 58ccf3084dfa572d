package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.industriallmonitor.fetch.HttpClients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code floor}: the cost of the HTTP requests alone, for {@code bench/run}: fetches every URL of
 * a file with the same client and connection limit as the monitor, reads the bodies, and does
 * nothing else.
 */
@Command(name = "floor", hidden = true, mixinStandardHelpOptions = true,
    description = "Benchmark helper: fetches the URLs of FILE with N connections and does nothing with them.")
final class FloorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--urls", paramLabel = "FILE", required = true, description = "One URL per line.")
  Path urls;

  @Option(names = "--connections", paramLabel = "N", defaultValue = "1", description = "Requests in flight at once.")
  int connections;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<String> all = Files.readAllLines(urls).stream().filter(line -> !line.isBlank()).toList();
    ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(all);
    OkHttpClient client = HttpClients.create(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));
    AtomicLong bytes = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    for (int i = 0; i < connections; i++) {
      pool.submit(() -> {
        for (String url = queue.poll(); url != null; url = queue.poll()) {
          try (Response response = client.newCall(new Request.Builder().url(url).build()).execute()) {
            bytes.addAndGet(response.body() == null ? 0 : response.body().bytes().length);
            if (!response.isSuccessful()) {
              failures.incrementAndGet();
            }
          } catch (IOException e) {
            failures.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    double seconds = (System.nanoTime() - started) / 1e9;
    HttpClients.shutdown(client);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("fetched %d pages (%d bytes, %d failures) in %.3f s: %.0f pages/s%n", all.size(), bytes.get(), failures.get(),
        seconds, all.size() / seconds);
    out.flush();
    return failures.get() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
