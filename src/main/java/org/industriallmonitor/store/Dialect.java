package org.industriallmonitor.store;

/**
 * What differs between the two databases the state can live in, in one place: where each one's
 * migrations are, and the few SQL phrases they spell differently. Everything else is the SQL both
 * understand.
 */
enum Dialect {
  SQLITE("/db/migration/V%d.sql", 1),
  /**
   * PostgreSQL's migrations start at the version SQLite had reached when PostgreSQL came: its first
   * file creates that whole schema at once, and later versions are numbered alike in both folders.
   */
  POSTGRESQL("/db/postgresql/V%d.sql", 11);

  private final String migrations;
  private final int firstMigration;

  Dialect(String migrations, int firstMigration) {
    this.migrations = migrations;
    this.firstMigration = firstMigration;
  }

  /** The resource of migration {@code version}. */
  String migration(int version) {
    return String.format(migrations, version);
  }

  int firstMigration() {
    return firstMigration;
  }

  /** The values of {@code expression} over a group, joined by commas. */
  String joinedByCommas(String expression) {
    return this == SQLITE ? "group_concat(" + expression + ")" : "string_agg(CAST(" + expression + " AS TEXT), ',')";
  }

  /**
   * What a SELECT that claims rows ends with: PostgreSQL locks them and skips the ones another node
   * holds; SQLite needs nothing, one writer at a time holding the whole database.
   */
  String skipLocked() {
    return this == SQLITE ? "" : " FOR UPDATE SKIP LOCKED";
  }
}
