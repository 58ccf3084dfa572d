package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A piece of a WHERE clause (" AND ...", or nothing) with the values of its parameters, in order. */
record SqlCondition(String sql, List<String> values) {
  static final SqlCondition NONE = new SqlCondition("", List.of());

  SqlCondition {
    values = List.copyOf(values);
  }

  /** Binds the values from parameter {@code index} on; returns the index of the next parameter. */
  int bind(PreparedStatement statement, int index) throws SQLException {
    for (String value : values) {
      statement.setString(index++, value);
    }
    return index;
  }
}
