package org.industriallmonitor.query;

/** What a user typed is not a query: {@link #getMessage()} says what is wrong in words a user can act on. */
public final class QuerySyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  QuerySyntaxException(String problem) {
    super(problem);
  }
}
