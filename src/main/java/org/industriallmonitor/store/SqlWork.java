package org.industriallmonitor.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Database work run by {@link Database} on its connection. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
