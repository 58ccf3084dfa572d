package org.industriallmonitor.store;

import java.util.ArrayList;
import java.util.List;

/** Splits a migration file into statements: comments dropped, split at semicolons outside quotes. */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inQuote = false;
    for (String line : script.split("\n", -1)) {
      String code = inQuote ? line : stripComment(line);
      for (int i = 0; i < code.length(); i++) {
        char c = code.charAt(i);
        if (c == '\'') {
          inQuote = !inQuote;
        }
        if (c == ';' && !inQuote) {
          add(statements, current);
          current.setLength(0);
        } else {
          current.append(c);
        }
      }
      current.append('\n');
    }
    add(statements, current);
    return statements;
  }

  private static String stripComment(String line) {
    boolean quote = false;
    for (int i = 0; i + 1 < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quote = !quote;
      } else if (!quote && c == '-' && line.charAt(i + 1) == '-') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  private static void add(List<String> statements, StringBuilder statement) {
    String s = statement.toString().trim();
    if (!s.isEmpty()) {
      statements.add(s);
    }
  }
}
