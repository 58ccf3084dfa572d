package org.industriallmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.industriallmonitor.archive.Hashes;
import org.industriallmonitor.config.EmailChannelConfig;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.industriallmonitor.config.SmtpConfig;

/**
 * Sends events as multipart (text and HTML) mail over SMTP, with STARTTLS or SSL and
 * authentication; several events at once make one digest mail. The Message-ID is derived from
 * the delivery id, so a repeated delivery is recognisably the same mail.
 */
public final class EmailChannel implements Channel {
  private final EmailChannelConfig config;
  private final Session session;

  public EmailChannel(EmailChannelConfig config) {
    this(config, null);
  }

  /**
   * A channel whose SSL/STARTTLS connections use {@code socketFactory} instead of the JVM's
   * trust store (for a server with a private certificate); null for the JVM's defaults.
   */
  public EmailChannel(EmailChannelConfig config, SSLSocketFactory socketFactory) {
    this.config = config;
    Properties properties = properties(config.smtp());
    if (socketFactory != null) {
      String protocol = config.smtp().ssl() ? "smtps" : "smtp";
      properties.put("mail." + protocol + ".ssl.socketFactory", socketFactory);
      properties.setProperty("mail." + protocol + ".ssl.checkserveridentity", "false");
    }
    this.session = Session.getInstance(properties);
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String send(List<Delivery> deliveries) throws DeliveryException {
    List<JsonNode> events = new ArrayList<>();
    for (Delivery d : deliveries) {
      events.add(Payloads.parse(d.payload()));
    }
    String messageId = deliveries.size() == 1 ? deliveries.get(0).id()
        : "digest-" + Hashes.sha256(String.join(",", deliveries.stream().map(Delivery::id).toList())
            .getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    try {
      MimeMessage message = new IdentifiedMessage(session, "<" + messageId + "@industriall-monitor>");
      message.setFrom(new InternetAddress(config.from()));
      for (String to : config.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(events.size() == 1 ? MessageText.subject(events.get(0)) : MessageText.digestSubject(events), "UTF-8");
      message.setSentDate(new Date());
      message.setHeader("X-Monitor-Event", deliveries.get(0).event().wireName());
      message.setHeader("X-Monitor-Delivery", messageId);
      message.setContent(body(events, MessageText.filings(deliveries)));
      SmtpConfig smtp = config.smtp();
      message.saveChanges();
      try (Transport transport = session.getTransport(smtp.ssl() ? "smtps" : "smtp")) {
        transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
        if (smtp.username() != null && transport instanceof SMTPTransport server && !server.supportsExtension("AUTH")) {
          // Jakarta Mail would send without logging in: the credentials were set for a reason.
          throw new DeliveryException("SMTP " + smtp.host() + ":" + smtp.port() + " offers no authentication (AUTH)"
              + (smtp.starttls() ? " after STARTTLS" : "") + ", but smtp.username is set: not sending without logging in", null, null);
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
      return "accepted by " + smtp.host() + ":" + smtp.port() + " for " + config.to().size() + " recipient(s)";
    } catch (MessagingException e) {
      throw new DeliveryException("SMTP " + config.smtp().host() + ":" + config.smtp().port() + ": " + describe(e), null, e);
    }
  }

  private static MimeMultipart body(List<JsonNode> events, List<DigestCountries.Filing> filings) throws MessagingException {
    // A digest: its articles under a heading per country.
    String text = events.size() == 1 ? MessageText.plain(events.get(0)) : MessageText.digestPlain(events, filings);
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>")
        .append(events.size() == 1 ? MessageText.html(events.get(0)) : MessageText.digestHtml(events, filings));
    html.append("<p><small>Sent by industriall-monitor.</small></p></body></html>");
    MimeBodyPart plainPart = new MimeBodyPart();
    plainPart.setText(text, "UTF-8");
    MimeBodyPart htmlPart = new MimeBodyPart();
    htmlPart.setText(html.toString(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(plainPart);
    alternative.addBodyPart(htmlPart);
    return alternative;
  }

  private static Properties properties(SmtpConfig smtp) {
    Properties p = new Properties();
    String protocol = smtp.ssl() ? "smtps" : "smtp";
    p.setProperty("mail.transport.protocol", protocol);
    p.setProperty("mail." + protocol + ".host", smtp.host());
    p.setProperty("mail." + protocol + ".port", String.valueOf(smtp.port()));
    p.setProperty("mail." + protocol + ".auth", String.valueOf(smtp.username() != null));
    p.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(smtp.timeout().toMillis()));
    p.setProperty("mail." + protocol + ".timeout", String.valueOf(smtp.timeout().toMillis()));
    p.setProperty("mail." + protocol + ".writetimeout", String.valueOf(smtp.timeout().toMillis()));
    if (smtp.starttls()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    p.setProperty("mail." + protocol + ".ssl.checkserveridentity", "true");
    return p;
  }

  private static String describe(MessagingException e) {
    Exception next = e.getNextException();
    return e.getMessage() + (next == null ? "" : " (" + next + ")");
  }

  /** A message whose Message-ID is ours, not one Jakarta Mail makes up. */
  private static final class IdentifiedMessage extends MimeMessage {
    private final String id;

    IdentifiedMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
