package org.industriallmonitor.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The replica's search by words ({@code search?query=}), as the site has it: a title's article first, the rest over pages. */
class ReplicaSearchTest {
  private static final Pattern NEXT = Pattern.compile("href=\"(/search\\?[^\"]*from=10)\"");
  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aTitlesSearchListsItsArticleFirstAndOthersOverPagesWhosePagerKeepsTheQuery(ReplicaTheme theme) throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      replica.theme(theme);
      ReplicaArticle wanted = replica.catalog().listing(169, 40).articles().get(3);
      String query = URLEncoder.encode(wanted.title(), StandardCharsets.UTF_8);

      String first = get(replica.baseUrl() + "/search?query=" + query + "&language=en");

      int total = replica.catalog().search(wanted.title(), 0).total();
      assertThat(total).as("the title's words are in other articles too").isGreaterThan(10);
      assertThat(first).contains("Showing 1-10 of " + total + " results");
      // Its article is the first result: its title comes before any other article's link.
      String slugLink = "href=\"/" + wanted.slug() + "\"";
      assertThat(first).contains(slugLink);
      String firstResult = replica.catalog().search(wanted.title(), 0).articles().get(0).slug();
      assertThat(firstResult).isEqualTo(wanted.slug());
      // The pager's next page is the same search, from the 11th result.
      Matcher next = NEXT.matcher(first);
      assertThat(next.find()).as("a link to the next page of the search").isTrue();
      assertThat(next.group(1)).contains("query=" + query + "&amp;");
      String second = get(replica.baseUrl() + next.group(1).replace("&amp;", "&"));
      assertThat(second).contains("Showing 11-20 of " + total + " results").doesNotContain(slugLink);
    }
  }

  @ParameterizedTest
  @EnumSource(ReplicaTheme.class)
  void aSearchWhoseWordsNoArticleHoldsHasNoResults(ReplicaTheme theme) throws Exception {
    try (ReplicaServer replica = ReplicaServer.start(ReplicaCatalog.standard(), 0)) {
      replica.theme(theme);

      assertThat(get(replica.baseUrl() + "/search?query=zzzzqqqq+xxxyyyy&language=en")).contains("No results");
    }
  }

  private String get(String url) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(url).isEqualTo(200);
    return answer.body();
  }
}
