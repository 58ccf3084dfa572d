package org.industriallmonitor.fetch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import okhttp3.OkHttpClient;

/**
 * The process's one OkHttp client and its variants. Variants made with {@link #withTimeouts}
 * share the base client's connection pool and threads, as OkHttp recommends.
 */
public final class HttpClients {
  private HttpClients() {}

  /**
   * The base client: follows no redirects itself (the fetcher checks where each one leads) and
   * does not retry on its own (the fetcher's policy counts every attempt). Gzip and HTTP/2 are
   * OkHttp's defaults.
   */
  public static OkHttpClient create() {
    return new OkHttpClient.Builder()
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .build();
  }

  /**
   * Builds the base client on a thread of its own. Its TLS set-up (trust store, SSL context) is
   * a good part of a short run's start and needs nothing from the configuration, so a command
   * begins it first and reads its configuration and opens its database meanwhile.
   */
  public static CompletableFuture<OkHttpClient> createInBackground() {
    CompletableFuture<OkHttpClient> client = new CompletableFuture<>();
    Thread builder = new Thread(() -> {
      try {
        client.complete(create());
      } catch (Throwable e) {
        client.completeExceptionally(e);
      }
    }, "http-client-setup");
    builder.setDaemon(true);
    builder.start();
    return client;
  }

  /** The client {@link #createInBackground} built, or what stopped it, as if it had been built here. */
  public static OkHttpClient await(CompletableFuture<OkHttpClient> client) {
    try {
      return client.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  /** A variant of {@code base} with its own timeouts. */
  public static OkHttpClient withTimeouts(OkHttpClient base, Duration connect, Duration read, Duration call) {
    return base.newBuilder().connectTimeout(connect).readTimeout(read).writeTimeout(read).callTimeout(call).build();
  }

  /** A client with the given timeouts, for callers without a base client (tests, tools). */
  public static OkHttpClient create(Duration connect, Duration read, Duration call) {
    return withTimeouts(create(), connect, read, call);
  }

  /** Releases the client's threads and idle connections so that the process can exit promptly. */
  public static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
