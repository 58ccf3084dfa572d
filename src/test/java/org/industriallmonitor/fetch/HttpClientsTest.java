package org.industriallmonitor.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpClientsTest {
  @Test
  void theClientBuiltInTheBackgroundIsTheUsualBaseClient() {
    OkHttpClient client = HttpClients.await(HttpClients.createInBackground());
    try {
      assertThat(client.followRedirects()).isFalse();
      assertThat(client.retryOnConnectionFailure()).isFalse();
    } finally {
      HttpClients.shutdown(client);
    }
  }

  @Test
  void aFailureToBuildItSurfacesAsItself() {
    IllegalStateException noTls = new IllegalStateException("no TLS provider");
    assertThatThrownBy(() -> HttpClients.await(CompletableFuture.failedFuture(noTls))).isSameAs(noTls);
  }
}
