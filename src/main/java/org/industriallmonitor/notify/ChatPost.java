package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.industriallmonitor.config.Secrets;
import org.industriallmonitor.fetch.RetryAfter;

/**
 * Sends one request to a chat service and reads its answer the way the services document it:
 * 2xx is delivered; 429 waits as long as the service says (a {@code Retry-After} header, Discord's
 * and Telegram's {@code retry_after} in seconds, Matrix's {@code retry_after_ms}); 408 and 5xx are
 * retried; any other 4xx is a dead letter carrying the service's own error text. No message,
 * thrown or returned, holds the channel's token.
 */
final class ChatPost {
  private static final int MAX_ERROR_TEXT = 300;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatPost() {}

  /** {@code target} names the request in messages (its address with any token masked); {@code token} is masked wherever it appears. */
  static String send(OkHttpClient client, Request request, String target, String token) throws DeliveryException, InterruptedException {
    try (Response response = client.newCall(request).execute()) {
      String body = body(response);
      JsonNode json = parse(body);
      int code = response.code();
      // Telegram says ok: false in its body; the others say it in the status alone.
      if (response.isSuccessful() && json.path("ok").asBoolean(true)) {
        return "HTTP " + code;
      }
      String said = Secrets.mask(errorText(json, body), token);
      String message = "HTTP " + code + " from " + target + (said.isEmpty() ? "" : ": " + said);
      if (code == 429) {
        Duration wait = retryAfter(json);
        Duration header = RetryAfter.parse(response.header("Retry-After"));
        throw new DeliveryException(message, wait != null ? wait : header, null);
      }
      if (code == 408 || code >= 500) {
        throw new DeliveryException(message, RetryAfter.parse(response.header("Retry-After")), null);
      }
      throw new DeliveryException(message + " (refused: not sent again; `outbox retry` does once it is fixed)", null, null, true);
    } catch (InterruptedIOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while sending to " + target);
      }
      throw new DeliveryException("timed out sending to " + target + ": " + Secrets.mask(e.getMessage(), token), null, null);
    } catch (IOException e) {
      throw new DeliveryException("cannot send to " + target + ": " + Secrets.mask(e.toString(), token), null, null);
    }
  }

  private static String body(Response response) throws IOException {
    // An error text is short; a body of megabytes is not read whole.
    return response.peekBody(64 * 1024).string();
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = body.isBlank() ? null : JSON.readTree(body);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The service's own words: Telegram's description, Matrix's errcode and error, Discord's message, ntfy's error. */
  static String errorText(JsonNode json, String body) {
    String text;
    if (json.hasNonNull("description")) {
      text = json.get("description").asText();
    } else if (json.hasNonNull("errcode")) {
      text = json.get("errcode").asText() + (json.hasNonNull("error") ? ": " + json.get("error").asText() : "");
    } else if (json.hasNonNull("message")) {
      text = json.get("message").asText() + (json.hasNonNull("code") ? " (code " + json.get("code").asText() + ")" : "");
    } else if (json.hasNonNull("error")) {
      text = json.get("error").asText();
    } else {
      text = body.strip();
    }
    text = MessageText.oneLine(text);
    return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT - 1) + "…";
  }

  private static Duration retryAfter(JsonNode json) {
    if (json.path("retry_after_ms").isNumber()) {
      return Duration.ofMillis(json.get("retry_after_ms").asLong());
    }
    JsonNode seconds = json.path("parameters").path("retry_after").isNumber() ? json.get("parameters").get("retry_after") : json.path("retry_after");
    return seconds.isNumber() ? Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000)) : null;
  }
}
