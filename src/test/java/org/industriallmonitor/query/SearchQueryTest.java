package org.industriallmonitor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.industriallmonitor.query.SearchQuery.Term;
import org.junit.jupiter.api.Test;

/** The search language users type in search, the console and a channel's match: and exclude:. */
class SearchQueryTest {
  private static Term word(String text) {
    return new Term(text, false);
  }

  @Test
  void wordsAndPhrasesAreAllRequired() {
    SearchQuery q = SearchQuery.parse("  greve \"general strike\" organi* ");
    assertThat(q.required()).containsExactly(List.of(word("greve")), List.of(word("general strike")), List.of(new Term("organi", true)));
    assertThat(q.excluded()).isEmpty();
    assertThat(q.typed()).isEqualTo("greve \"general strike\" organi*");
  }

  @Test
  void orBindsItsTwoNeighboursAndChains() {
    SearchQuery q = SearchQuery.parse("strike OR lockout OR \"sit-in\" mine");
    assertThat(q.required()).containsExactly(List.of(word("strike"), word("lockout"), word("sit-in")), List.of(word("mine")));
  }

  @Test
  void minusExcludesAWordOrAPhrase() {
    SearchQuery q = SearchQuery.parse("mine -coal -\"open pit\" anti-union");
    assertThat(q.required()).containsExactly(List.of(word("mine")), List.of(word("anti-union")));
    assertThat(q.excluded()).containsExactly(word("coal"), word("open pit"));
  }

  @Test
  void lowerCaseOperatorsAreWordsAndAndIsASpace() {
    assertThat(SearchQuery.parse("bread or roses").required()).hasSize(3);
    assertThat(SearchQuery.parse("bread AND roses").required()).containsExactly(List.of(word("bread")), List.of(word("roses")));
  }

  @Test
  void punctuationAloneIsNoTerm() {
    assertThat(SearchQuery.parse("miners - ; ** \"\"").required()).containsExactly(List.of(word("miners")));
  }

  @Test
  void whatIsNotAQuerySaysWhy() {
    assertThatThrownBy(() -> SearchQuery.parse("  ")).isInstanceOf(QuerySyntaxException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> SearchQuery.parse(";;")).hasMessageContaining("empty");
    assertThatThrownBy(() -> SearchQuery.parse("say \"hi")).hasMessage(
        "a quote is not closed: the phrase that opens at character 5 needs its closing \"");
    assertThatThrownBy(() -> SearchQuery.parse("OR strike")).hasMessageContaining("OR needs a word or phrase on each side");
    assertThatThrownBy(() -> SearchQuery.parse("strike OR")).hasMessageContaining("OR needs a word or phrase on each side");
    assertThatThrownBy(() -> SearchQuery.parse("strike OR OR lockout")).hasMessageContaining("on each side");
    assertThatThrownBy(() -> SearchQuery.parse("strike OR -coal")).hasMessageContaining("not an excluded one (-coal)");
    assertThatThrownBy(() -> SearchQuery.parse("-coal OR strike")).hasMessageContaining("not an excluded one (-coal)");
    assertThatThrownBy(() -> SearchQuery.parse("-coal -gas")).hasMessageContaining("only excludes");
    assertThatThrownBy(() -> SearchQuery.parse("(textile strike) OR metallurgy")).isInstanceOf(QuerySyntaxException.class)
        .hasMessageStartingWith("brackets do not group words here (character 1)");
    assertThat(SearchQuery.parse("\"ILO (Geneva)\"").required()).containsExactly(List.of(word("ILO (Geneva)")));
  }

  @Test
  void controlAndFormatCharactersAreSpaces() {
    assertThat(SearchQuery.parse("a\u0000b").required()).containsExactly(List.of(word("a")), List.of(word("b")));
    assertThat(SearchQuery.parse("\"mine\u0007co\u200Bop\u00ADs\" strike\u0000").required())
        .containsExactly(List.of(word("mine co op s")), List.of(word("strike")));
    assertThat(SearchQuery.parse("strike\u0000").typed()).isEqualTo("strike");
    assertThatThrownBy(() -> SearchQuery.parse("\u0000\u0002\u200B")).hasMessageContaining("empty");
  }

  @Test
  void aQueryHasAtMostTwoHundredTerms() {
    String most = "w ".repeat(SearchQuery.MAX_TERMS - 1) + "-x";
    assertThat(SearchQuery.parse(most).required()).hasSize(SearchQuery.MAX_TERMS - 1);
    assertThat(SearchQuery.parse("a OR ".repeat(100) + "b").required()).hasSize(1);
    assertThatThrownBy(() -> SearchQuery.parse(most + " y")).isInstanceOf(QuerySyntaxException.class)
        .hasMessage("the query has 201 words and phrases: a query has at most 200");
  }
}
