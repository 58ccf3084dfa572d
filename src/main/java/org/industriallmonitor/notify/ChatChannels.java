package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.ChatChannelConfig;
import org.industriallmonitor.config.Secrets;

/**
 * The chat services: ntfy, Matrix, Discord and Telegram. Each sends one message per event (or
 * one for a digest's events) in the service's own format, the text from {@link ChatMessage}.
 */
final class ChatChannels {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
  /** ntfy turns a longer message into an attachment (its default message-size-limit). */
  static final int NTFY_BYTES = 4096;
  static final int DISCORD_CONTENT = 2000;
  static final int DISCORD_EMBED_TITLE = 256;
  static final int DISCORD_EMBED_DESCRIPTION = 4096;
  static final int TELEGRAM_TEXT = 4096;
  /** Matrix sets no length, but clients do not show a wall of text well. */
  static final int MATRIX_TEXT = 16_000;
  static final int TITLE_HEADER = 250;

  private ChatChannels() {}

  static Channel of(ChatChannelConfig config, OkHttpClient client, String userAgent) {
    if (config instanceof ChatChannelConfig.Ntfy ntfy) {
      return new Ntfy(ntfy, client, userAgent);
    } else if (config instanceof ChatChannelConfig.Matrix matrix) {
      return new Matrix(matrix, client, userAgent);
    } else if (config instanceof ChatChannelConfig.Discord discord) {
      return new Discord(discord, client, userAgent);
    }
    return new Telegram((ChatChannelConfig.Telegram) config, client, userAgent);
  }

  /** What every service's channel has: its id, the HTTP client, the User-Agent. */
  private abstract static class Service implements Channel {
    private final String id;
    final OkHttpClient client;
    final String userAgent;

    Service(String id, OkHttpClient client, String userAgent) {
      this.id = id;
      this.client = client;
      this.userAgent = userAgent;
    }

    @Override
    public String id() {
      return id;
    }
  }

  /** The message of a delivery, or of a digest's deliveries. */
  static ChatMessage message(List<Delivery> deliveries) {
    if (deliveries.size() == 1) {
      return ChatMessage.of(Payloads.parse(deliveries.get(0).payload()));
    }
    return ChatMessage.digest(deliveries.stream().map(d -> Payloads.parse(d.payload())).toList(), MessageText.filings(deliveries));
  }

  static JsonNode event(List<Delivery> deliveries) {
    return Payloads.parse(deliveries.get(0).payload());
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** POST the message text to the topic URL, with Title, Click, Tags and Priority headers. */
  static final class Ntfy extends Service {
    private final ChatChannelConfig.Ntfy config;

    Ntfy(ChatChannelConfig.Ntfy config, OkHttpClient client, String userAgent) {
      super(config.id(), client, userAgent);
      this.config = config;
    }

    @Override
    public String send(List<Delivery> deliveries) throws DeliveryException, InterruptedException {
      ChatMessage message = message(deliveries);
      ChatMessage body = new ChatMessage("", message.meta(), message.text(), message.url());
      String text = body.fit(m -> m.plain().strip(), NTFY_BYTES, ChatChannels::utf8Length);
      Request.Builder request = new Request.Builder().url(config.url().toString())
          .header("User-Agent", userAgent)
          .header("Title", headerText(ChatMessage.cutAt(message.headline(), TITLE_HEADER)))
          .header("Tags", tags(deliveries.size() > 1 ? Event.ARTICLE_NEW : deliveries.get(0).event()))
          .header("Priority", config.priority())
          .header("X-Monitor-Delivery", deliveries.get(0).id())
          .post(RequestBody.create(text.getBytes(StandardCharsets.UTF_8), TEXT));
      if (!message.url().isEmpty()) {
        request.header("Click", message.url());
      }
      if (config.token() != null) {
        request.header("Authorization", "Bearer " + config.token());
      }
      return ChatPost.send(client, request.build(), config.displayUrl(), config.token());
    }

    /** A header value in ASCII: RFC 2047 encoded words (which ntfy decodes) for any other text. */
    static String headerText(String text) {
      String oneLine = MessageText.oneLine(text);
      if (oneLine.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
        return oneLine;
      }
      try {
        return MimeUtility.encodeText(oneLine, "UTF-8", "B").replaceAll("\\r?\\n\\s*", " ");
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException("every Java runtime has UTF-8", e);
      }
    }

    private static String tags(Event event) {
      return switch (event) {
        case ARTICLE_NEW -> "newspaper";
        case ARTICLE_UPDATED -> "pencil2";
        case ARTICLE_REMOVED -> "wastebasket";
        case MONITOR_ALERT -> "warning";
        case MONITOR_RECOVERED -> "white_check_mark";
        default -> "test_tube";
      };
    }
  }

  /** PUT an m.room.message whose transaction id is the delivery id: a repeat after a crash is the same event. */
  static final class Matrix extends Service {
    private final ChatChannelConfig.Matrix config;

    Matrix(ChatChannelConfig.Matrix config, OkHttpClient client, String userAgent) {
      super(config.id(), client, userAgent);
      this.config = config;
    }

    @Override
    public String send(List<Delivery> deliveries) throws DeliveryException, InterruptedException {
      ChatMessage message = message(deliveries);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("msgtype", "m.text");
      body.put("body", message.fit(ChatMessage::plain, MATRIX_TEXT, String::length));
      body.put("format", "org.matrix.custom.html");
      body.put("formatted_body", message.fit(m -> m.html("<br>"), MATRIX_TEXT, String::length));
      String base = config.homeserver().toString().replaceAll("/+$", "");
      String url = base + "/_matrix/client/v3/rooms/" + segment(config.room()) + "/send/m.room.message/" + segment(transactionId(deliveries));
      Request request = new Request.Builder().url(url)
          .header("User-Agent", userAgent)
          .header("Authorization", "Bearer " + config.token())
          .put(RequestBody.create(Payloads.write(body).getBytes(StandardCharsets.UTF_8), JSON))
          .build();
      return ChatPost.send(client, request, base + " (room " + config.room() + ")", config.token());
    }

    /** The delivery id; for a digest, a hash of its delivery ids (the same for the same digest). */
    static String transactionId(List<Delivery> deliveries) {
      if (deliveries.size() == 1) {
        return deliveries.get(0).id();
      }
      String ids = String.join(",", deliveries.stream().map(Delivery::id).toList());
      return "digest-" + Hashes.sha256(ids.getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
  }

  /** POST ?wait=true with the content line and one embed; no mention of anyone, whatever a title says. */
  static final class Discord extends Service {
    private final ChatChannelConfig.Discord config;

    Discord(ChatChannelConfig.Discord config, OkHttpClient client, String userAgent) {
      super(config.id(), client, userAgent);
      this.config = config;
    }

    @Override
    public String send(List<Delivery> deliveries) throws DeliveryException, InterruptedException {
      ChatMessage message = message(deliveries);
      JsonNode event = event(deliveries);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("content", new ChatMessage(message.headline(), "", "", "").fit(m -> "**" + ChatMessage.markdownEscape(m.headline()) + "**",
          DISCORD_CONTENT, String::length));
      ObjectNode embed = body.putArray("embeds").addObject();
      embed.put("title", ChatMessage.cutAt(message.headline(), DISCORD_EMBED_TITLE));
      if (!message.url().isEmpty()) {
        embed.put("url", message.url());
      }
      embed.put("description", new ChatMessage("", message.meta(), message.text(), "").fit(
          m -> (ChatMessage.markdownEscape(m.meta()) + "\n\n" + m.textMarkdown()).strip(), DISCORD_EMBED_DESCRIPTION,
          String::length));
      if (event.hasNonNull("detected_at")) {
        embed.put("timestamp", event.get("detected_at").asText());
      }
      body.putObject("allowed_mentions").putArray("parse");
      String url = config.url().toString();
      String target = Secrets.maskDiscordUrl(url);
      Request request = new Request.Builder().url(url + (url.contains("?") ? "&" : "?") + "wait=true")
          .header("User-Agent", userAgent)
          .post(RequestBody.create(Payloads.write(body).getBytes(StandardCharsets.UTF_8), JSON))
          .build();
      return ChatPost.send(client, request, target, url.substring(url.lastIndexOf('/') + 1).replaceAll("[?#].*", ""));
    }
  }

  /** sendMessage with HTML text and a link preview of the article. */
  static final class Telegram extends Service {
    private final ChatChannelConfig.Telegram config;

    Telegram(ChatChannelConfig.Telegram config, OkHttpClient client, String userAgent) {
      super(config.id(), client, userAgent);
      this.config = config;
    }

    @Override
    public String send(List<Delivery> deliveries) throws DeliveryException, InterruptedException {
      ChatMessage message = message(deliveries);
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("chat_id", config.chat());
      // Telegram's limit counts the text after its HTML is parsed: the visible characters.
      body.put("text", message.fit(m -> m.html("\n"), TELEGRAM_TEXT, html -> visibleLength(html)));
      body.put("parse_mode", "HTML");
      ObjectNode preview = body.putObject("link_preview_options");
      preview.put("is_disabled", message.url().isEmpty());
      if (!message.url().isEmpty()) {
        preview.put("url", message.url());
      }
      String base = config.api().toString().replaceAll("/+$", "");
      Request request = new Request.Builder().url(base + "/bot" + config.token() + "/sendMessage")
          .header("User-Agent", userAgent)
          .post(RequestBody.create(Payloads.write(body).getBytes(StandardCharsets.UTF_8), JSON))
          .build();
      return ChatPost.send(client, request, base + "/bot***/sendMessage (chat " + config.chat() + ")", config.token());
    }

    /** The length Telegram counts: tags dropped, entities read as one character each. */
    static int visibleLength(String html) {
      String visible = html.replaceAll("<[^>]*>", "").replaceAll("&(amp|lt|gt|quot|#39);", "x");
      return visible.codePointCount(0, visible.length()) + (int) visible.codePoints().filter(Character::isSupplementaryCodePoint).count();
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
