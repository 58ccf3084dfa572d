package org.industriallmonitor.store;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dialects are strategies (issue 31): what differs between SQLite and PostgreSQL is in
 * {@link SqliteDialect} and {@link PostgresDialect}, and the rest of the store asks its {@link Dialect},
 * never which one it is. Checked on the product's classes: a repository that names a concrete dialect
 * (to compare, test with instanceof, switch on or build one) fails the build. {@link Dialect}'s own
 * factories are the one place that picks a dialect.
 */
class DialectStrategyTest {
  private static final String STORE = "org.industriallmonitor.store";

  private static JavaClasses store;

  @BeforeAll
  static void importStore() {
    store = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(STORE);
  }

  @Test
  void onlyTheDialectsNameTheConcreteDialects() {
    noClasses().that().resideInAPackage(STORE)
        .and(not(belongToAnyOf(Dialect.class, SqliteDialect.class, PostgresDialect.class)))
        .should().dependOnClassesThat(belongToAnyOf(SqliteDialect.class, PostgresDialect.class))
        .because("the store asks its Dialect what differs, and only Dialect's factories pick one")
        .check(store);
  }

  /**
   * How typed words become a match expression is a search spelling, FTS5's ({@link FtsQuery}) or
   * tsquery's ({@link TsQuery}, built on the former's terms, with PostgreSQL's words and snippets made as FTS5's,
   * {@link SearchWords} and {@link TextSnippet}): the dialects' alone.
   */
  @Test
  void onlyTheDialectsSpellASearch() {
    noClasses().that().resideInAPackage(STORE)
        .and(not(belongToAnyOf(SqliteDialect.class, PostgresDialect.class, FtsQuery.class, TsQuery.class, SearchWords.class,
            TextSnippet.class)))
        .should().dependOnClassesThat(belongToAnyOf(FtsQuery.class, TsQuery.class, SearchWords.class, TextSnippet.class))
        .check(store);
  }
}
