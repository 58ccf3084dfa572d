package org.industriallmonitor.replica;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.industriallmonitor.http.JdkHttpServers;

/**
 * A webhook receiver on loopback for the demo and tests: takes POSTs on {@code /hook} (and paths
 * below it), checks
 * {@code X-Monitor-Signature} against the shared secret, and answers 204.
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final String secret;
  private final List<Received> received = new ArrayList<>();
  private final Consumer<Received> listener;
  private final java.time.Duration answerDelay;

  /** One request as the receiver saw it. */
  public record Received(String path, String event, String deliveryId, String signature, boolean signatureValid, String body) {}

  private WebhookReceiver(HttpServer server, ExecutorService executor, String secret, Consumer<Received> listener,
      java.time.Duration answerDelay) {
    this.server = server;
    this.executor = executor;
    this.secret = secret;
    this.listener = listener;
    this.answerDelay = answerDelay;
  }

  /** Starts on 127.0.0.1 on a free port; {@code listener} hears each request as it arrives. */
  public static WebhookReceiver start(String secret, Consumer<Received> listener) throws IOException {
    return start(secret, listener, java.time.Duration.ZERO);
  }

  /** A receiver that takes {@code answerDelay} to answer each request (a slow endpoint). */
  public static WebhookReceiver start(String secret, Consumer<Received> listener, java.time.Duration answerDelay)
      throws IOException {
    // The JDK reads its server settings once, for every server of the JVM: the console's among them.
    HttpServer server = JdkHttpServers.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    });
    WebhookReceiver receiver = new WebhookReceiver(server, executor, secret, listener, answerDelay);
    server.createContext("/hook", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  public synchronized List<Received> received() {
    return List.copyOf(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      String signature = exchange.getRequestHeaders().getFirst("X-Monitor-Signature");
      String expected = "sha256=" + hmac(secret, body);
      boolean valid = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
          expected.getBytes(StandardCharsets.US_ASCII));
      Received request = new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("X-Monitor-Event"),
          exchange.getRequestHeaders().getFirst("X-Monitor-Delivery"), signature, valid, new String(body, StandardCharsets.UTF_8));
      synchronized (this) {
        received.add(request);
      }
      listener.accept(request);
      if (!answerDelay.isZero()) {
        try {
          Thread.sleep(answerDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      exchange.sendResponseHeaders(valid ? 204 : 401, -1);
    }
  }

  private static String hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
