package org.industriallmonitor.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The signature receivers check, against answers worked out without this code: RFC 4231's
 * HMAC-SHA256 test case 2, and a payload signed with {@code openssl dgst -sha256 -hmac}.
 */
class WebhookSignatureTest {
  @Test
  void rfc4231TestCase2() {
    assertThat(WebhookChannel.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void aPayloadAsOpensslSignsIt() {
    // printf '%s' '{"event":"test","delivery_id":"kat-1"}' | openssl dgst -sha256 -hmac 'test-secret'
    byte[] body = "{\"event\":\"test\",\"delivery_id\":\"kat-1\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookChannel.signature("test-secret", body)).isEqualTo("780a6676e11b5a8033f14d56a8e504d33fb483c3e076b8fd20bdbc8227f76856");
  }
}
