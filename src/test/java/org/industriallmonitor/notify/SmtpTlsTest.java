package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.industriallmonitor.config.EmailChannelConfig;
import org.industriallmonitor.config.SmtpConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Mail over STARTTLS for real, against an SMTP server that offers it (subethasmtp, with a
 * certificate made by keytool for the test), and the refusals: no STARTTLS when it is required,
 * no AUTH when credentials are set. Nothing is ever sent in the clear or unauthenticated.
 */
class SmtpTlsTest {
  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static SSLContext serverTls;
  private static SSLContext clientTls;

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> logins = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void certificate() throws Exception {
    Path keystore = dir.resolve("smtp.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as(output).isTrue();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, PASSWORD.toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(keys.getKeyManagers(), null, null);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trust.getTrustManagers(), null);
  }

  private SMTPServer server(boolean offersTls, boolean offersAuth) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    SMTPServer.Builder builder = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName("127.0.0.1")
        .messageHandler((context, from, to, data) -> received.add(new String(data, StandardCharsets.UTF_8)));
    if (offersTls) {
      builder.enableTLS().requireTLS().startTlsSocketFactory(serverTls);
    }
    if (offersAuth) {
      builder.requireAuth().authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
        logins.add(user + ":" + password);
      }));
    }
    SMTPServer server = builder.build();
    server.start();
    return server;
  }

  private EmailChannel channel(SMTPServer server, boolean starttls, String username) {
    SmtpConfig smtp = new SmtpConfig("127.0.0.1", server.getPortAllocated(), starttls, false, username,
        username == null ? null : "pw", Duration.ofSeconds(5));
    return new EmailChannel(new EmailChannelConfig("team-mail", smtp, "monitor@example.org", List.of("team@example.org"), null),
        clientTls.getSocketFactory());
  }

  private static List<Delivery> aTestMessage() {
    String payload = Payloads.write(Payloads.test("test-1", "team-mail", Instant.now()));
    return List.of(new Delivery("test-1", Event.TEST, "test", payload, 1));
  }

  @Test
  void mailGoesOverStartTlsAndLogsInOnlyAfterIt() throws Exception {
    SMTPServer server = server(true, true);
    try {
      String outcome = channel(server, true, "monitor").send(aTestMessage());

      assertThat(outcome).startsWith("accepted by 127.0.0.1:");
      assertThat(received).singleElement().asString().contains("Message-ID: <test-1@industriall-monitor>");
      assertThat(logins).containsExactly("monitor:pw");
    } finally {
      server.stop();
    }
  }

  @Test
  void aServerWithoutStartTlsIsADeliveryErrorWhenItIsRequired() throws Exception {
    SMTPServer server = server(false, true);
    try {
      assertThatThrownBy(() -> channel(server, true, "monitor").send(aTestMessage()))
          .isInstanceOf(DeliveryException.class).hasMessageContaining("STARTTLS");
      assertThat(received).isEmpty();
      assertThat(logins).as("no password sent in the clear").isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void aServerWithoutAuthIsADeliveryErrorWhenCredentialsAreSet() throws Exception {
    SMTPServer server = server(true, false);
    try {
      assertThatThrownBy(() -> channel(server, true, "monitor").send(aTestMessage()))
          .isInstanceOf(DeliveryException.class)
          .hasMessageContaining("offers no authentication (AUTH) after STARTTLS, but smtp.username is set: not sending without logging in");
      assertThat(received).isEmpty();
    } finally {
      server.stop();
    }
  }
}
