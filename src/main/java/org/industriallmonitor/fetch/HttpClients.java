package org.industriallmonitor.fetch;

import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds the one OkHttp client of the process. */
public final class HttpClients {
  private HttpClients() {}

  /**
   * A client with the given timeouts that follows no redirects itself (the fetcher checks where
   * each one leads) and does not retry on its own (the fetcher's policy counts every attempt).
   */
  public static OkHttpClient create(Duration connect, Duration read, Duration call, int maxPerHost) {
    OkHttpClient client = new OkHttpClient.Builder()
        .connectTimeout(connect)
        .readTimeout(read)
        .writeTimeout(read)
        .callTimeout(call)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .build();
    client.dispatcher().setMaxRequestsPerHost(Math.max(5, maxPerHost));
    return client;
  }

  /** Releases the client's threads and connections so that the process can exit promptly. */
  public static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
