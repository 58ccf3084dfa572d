package org.industriallmonitor.config;

import java.time.Duration;

/** How to reach an SMTP server. {@code ssl}: TLS from the start (port 465); {@code starttls}: upgrade (587). */
public record SmtpConfig(String host, int port, boolean starttls, boolean ssl, String username, String password, Duration timeout) {
  @Override
  public String toString() {
    return "SmtpConfig[host=" + host + ", port=" + port + ", starttls=" + starttls + ", ssl=" + ssl + ", username=" + username
        + ", password=" + (password == null ? "none" : "(set)") + ", timeout=" + timeout + "]";
  }
}
