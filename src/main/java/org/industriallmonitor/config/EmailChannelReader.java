package org.industriallmonitor.config;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/** {@code type: email}: a mail per event, or per {@code digest}, through an SMTP server. */
record EmailChannelReader(MonitorDefaults defaults) implements ChannelReader {
  private static final List<String> SMTP_KEYS = List.of("host", "port", "starttls", "ssl", "username", "password", "timeout");

  @Override
  public ChannelConfig read(String id, ConfigNode.Mapping m) {
    String digest = ChannelReader.digest(m);
    List<String> to = new ArrayList<>();
    for (ConfigNode address : m.required("to").listOrSingle()) {
      to.add(emailAddress(address));
    }
    if (to.isEmpty()) {
      throw m.required("to").error("give at least one address");
    }
    return new EmailChannelConfig(id, smtp(m.required("smtp")), emailAddress(m.required("from")), to, digest);
  }

  @Override
  public void warnOfWrittenSecrets(ConfigNode.Mapping m, List<String> warnings) {
    m.optional("smtp").map(smtp -> smtp.mapping(SMTP_KEYS)).flatMap(smtp -> smtp.optional("password"))
        .ifPresent(password -> ChannelReader.warnIfWritten(password, "SMTP_PASSWORD", warnings));
  }

  private SmtpConfig smtp(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(SMTP_KEYS);
    boolean ssl = m.optional("ssl").map(ConfigNode::bool).orElse(defaults.bool(key("smtp.ssl")));
    // TLS from the start, or an upgrade: never both, so STARTTLS defaults to off with ssl.
    boolean starttls = m.optional("starttls").map(ConfigNode::bool).orElse(!ssl && defaults.bool(key("smtp.starttls")));
    if (ssl && starttls) {
      throw m.required("starttls").error("give ssl (TLS from the start, port 465) or starttls (port 587), not both");
    }
    String username = m.optional("username").map(ConfigNode::string).filter(v -> !v.isEmpty()).orElse(null);
    String password = m.optional("password").map(ConfigNode::string).filter(v -> !v.isEmpty()).orElse(null);
    if (password != null && username == null) {
      throw m.required("password").error("a password needs a username");
    }
    return new SmtpConfig(m.required("host").nonBlankString().trim(),
        m.optional("port").map(n -> n.integer(1, 65535)).orElse(defaults.integer(ssl ? "conditional.smtp.port_with_ssl" : key("smtp.port"))),
        starttls, ssl, username, password, ConfigValues.positive(m, "timeout", defaults.duration(key("smtp.timeout"))));
  }

  private static String key(String key) {
    return MonitorDefaults.channelKey(ChannelType.EMAIL, key);
  }

  private static String emailAddress(ConfigNode node) {
    if (!node.unsetVariables().isEmpty()) {
      return node.string();
    }
    String value = node.nonBlankString().trim();
    try {
      new InternetAddress(value, true);
      return value;
    } catch (AddressException e) {
      throw node.error("not a valid e-mail address: '" + value + "'");
    }
  }
}
