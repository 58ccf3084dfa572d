package org.industriallmonitor.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The replica as a site that moves: its countries renumbered at run time, and a second address that redirects. */
class ReplicaMovesTest {
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @Test
  void renumberingMovesTheCountryListTheListingsAndTheTags() throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      String firstSlug = replica.catalog().listing(364, 0).articles().get(0).slug();

      HttpResponse<String> answer = post(replica.baseUrl() + "/_replica/renumber?from=364&to=9364&from=169&to=9169");

      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(replica.catalog().listing(364, 0).total()).as("the old id lists nothing").isZero();
      assertThat(replica.catalog().listing(9364, 0).articles().get(0).slug()).isEqualTo(firstSlug);
      assertThat(replica.catalog().country(9364).orElseThrow().name()).isEqualTo("Kyrgyzstan");
      assertThat(replica.catalog().article(firstSlug).orElseThrow().regions()).contains(9364).doesNotContain(364);
      String facets = get(replica.baseUrl() + "/search?language=en&sort=relevance").body();
      assertThat(facets).contains("regions=9364").doesNotContain("regions=364&");
    }
  }

  @Test
  void renumberingRefusesTwoCountriesOnOneId() {
    ReplicaCatalog catalog = ReplicaCatalog.standard();
    assertThatThrownBy(() -> catalog.renumberRegions(Map.of(364, 169))).hasMessageContaining("region 169");
  }

  @Test
  void theSecondAddressRedirectsEveryRequestToTheSamePathOnTheFirst() throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0);
        ReplicaServer.Redirect old = ReplicaServer.redirecting(replica.baseUrl(), 301)) {
      HttpResponse<String> answer = get(old.baseUrl() + "/search?regions=364&language=en&from=10");

      assertThat(answer.statusCode()).isEqualTo(301);
      assertThat(answer.headers().firstValue("Location")).contains(replica.baseUrl() + "/search?regions=364&language=en&from=10");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
