package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.industriallmonitor.config.WebhookChannelConfig;
import org.industriallmonitor.fetch.RetryAfter;

/**
 * POSTs each event to a URL: the documented JSON body (or {@code {"text": ...}} for Slack and
 * Mattermost), with {@code X-Monitor-Event}, {@code X-Monitor-Delivery} and, when a secret is set,
 * {@code X-Monitor-Signature: sha256=HEX} (HMAC-SHA256 of the exact body).
 */
public final class WebhookChannel implements Channel {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final WebhookChannelConfig config;
  private final OkHttpClient client;
  private final String userAgent;

  public WebhookChannel(WebhookChannelConfig config, OkHttpClient client, String userAgent) {
    this.config = config;
    this.client = client;
    this.userAgent = userAgent;
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String send(List<Delivery> deliveries) throws DeliveryException, InterruptedException {
    StringBuilder outcome = new StringBuilder();
    for (Delivery delivery : deliveries) {
      outcome.append(outcome.length() == 0 ? "" : ", ").append(post(delivery));
    }
    return outcome.toString();
  }

  private String post(Delivery delivery) throws DeliveryException, InterruptedException {
    byte[] body = body(delivery).getBytes(StandardCharsets.UTF_8);
    Request.Builder request = new Request.Builder().url(config.url().toString())
        .header("User-Agent", userAgent)
        .header("X-Monitor-Event", delivery.event().wireName())
        .header("X-Monitor-Delivery", delivery.id())
        .post(RequestBody.create(body, JSON));
    if (config.secret() != null) {
      request.header("X-Monitor-Signature", "sha256=" + signature(config.secret(), body));
    }
    try (Response response = client.newCall(request.build()).execute()) {
      if (response.isSuccessful()) {
        return "HTTP " + response.code();
      }
      throw new DeliveryException("HTTP " + response.code() + " from " + config.displayUrl(), RetryAfter.parse(response.header("Retry-After")), null);
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while delivering to " + config.id());
      }
      throw new DeliveryException("timed out posting to " + config.displayUrl() + ": " + e.getMessage(), null, e);
    } catch (IOException e) {
      throw new DeliveryException("cannot post to " + config.displayUrl() + ": " + e, null, e);
    }
  }

  private String body(Delivery delivery) {
    if (!config.format().equals(WebhookChannelConfig.SLACK)) {
      return delivery.payload();
    }
    ObjectNode slack = JsonNodeFactory.instance.objectNode();
    slack.put("text", MessageText.chat(Payloads.parse(delivery.payload())));
    return Payloads.write(slack);
  }

  /** Lowercase hex of HMAC-SHA256(secret, body), as receivers recompute it. */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has HmacSHA256", e);
    }
  }

}
