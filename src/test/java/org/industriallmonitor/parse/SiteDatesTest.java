package org.industriallmonitor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.industriallmonitor.config.Selectors;
import org.junit.jupiter.api.Test;

/** Printed dates in each of the site's languages, by the JDK's locale data, as the stored real pages print them. */
class SiteDatesTest {
  @Test
  void readsTheMonthsOfEveryLanguageOfTheSite() {
    assertThat(SiteDates.fromPrinted("6 September, 2023")).hasValue(LocalDate.of(2023, 9, 6));
    assertThat(SiteDates.fromPrinted("26 noviembre, 2021")).hasValue(LocalDate.of(2021, 11, 26));
    assertThat(SiteDates.fromPrinted("16 août, 2017")).hasValue(LocalDate.of(2017, 8, 16));
    assertThat(SiteDates.fromPrinted("1 décembre, 2016")).hasValue(LocalDate.of(2016, 12, 1));
    assertThat(SiteDates.fromPrinted("26 ноября, 2021")).hasValue(LocalDate.of(2021, 11, 26));
    assertThat(SiteDates.fromPrinted("1 Décembre, 2016")).hasValue(LocalDate.of(2016, 12, 1));
    // The other dates the stored real pages print.
    assertThat(SiteDates.fromPrinted("15 octubre, 2020")).hasValue(LocalDate.of(2020, 10, 15));
    assertThat(SiteDates.fromPrinted("21 septembre, 2016")).hasValue(LocalDate.of(2016, 9, 21));
    assertThat(SiteDates.fromPrinted("22 junio, 2020")).hasValue(LocalDate.of(2020, 6, 22));
  }

  @Test
  void anArticleWhoseMonthCannotBeReadIsALayoutErrorNamingTheDate() {
    org.industriallmonitor.replica.ReplicaCatalog catalog = org.industriallmonitor.replica.ReplicaCatalog.standard();
    org.industriallmonitor.replica.ReplicaArticle article = catalog.article("kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights").orElseThrow();
    String html = org.industriallmonitor.replica.ReplicaPages.article(catalog, article)
        .replaceAll("<meta property=\"article:published_time\"[^>]*>", "")
        .replace(SiteDates.print(article.date()), "6 wrzesnia, 2023");
    ArticleParser parser = new ArticleParser(Selectors.defaults());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parse(html, "https://example.org/a", "a"))
        .isInstanceOf(LayoutException.class).hasMessageContaining("the date \"6 wrzesnia, 2023\" names a month in none of the site's languages");
    assertThat(SiteDates.unreadable(SiteDates.print(article.date()))).isEmpty();
  }

  @Test
  void aMonthNoLanguageNamesIsAProblemThatNamesTheText() {
    assertThat(SiteDates.unreadable("26 listopada, 2021"))
        .hasValue("the date \"26 listopada, 2021\" names a month in none of the site's languages (en, es, fr, ru)");
    assertThat(SiteDates.unreadable("26 noviembre, 2021")).isEmpty();
    assertThat(SiteDates.unreadable("not a date")).isEmpty();
    assertThat(SiteDates.fromPrinted("26 listopada, 2021")).isEmpty();
  }
}
