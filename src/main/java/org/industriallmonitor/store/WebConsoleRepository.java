package org.industriallmonitor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code web_console} row: where the daemon's console serves, or why it could not start. */
public final class WebConsoleRepository {
  private final Database db;

  WebConsoleRepository(Database db) {
    this.db = db;
  }

  /** The console as its daemon last wrote it; {@code url} is null when it could not start. */
  public record State(String listen, String url, String problem, long pid, Instant at) {}

  public void write(State state) {
    db.inLightTransaction(c -> {
      try (PreparedStatement upsert = c.prepareStatement(
          "INSERT INTO web_console(id, listen, url, problem, pid, updated_at) VALUES (1, ?, ?, ?, ?, ?)"
              + " ON CONFLICT(id) DO UPDATE SET listen = excluded.listen, url = excluded.url, problem = excluded.problem,"
              + " pid = excluded.pid, updated_at = excluded.updated_at")) {
        upsert.setString(1, state.listen());
        upsert.setString(2, state.url());
        upsert.setString(3, state.problem());
        upsert.setLong(4, state.pid());
        upsert.setString(5, Timestamps.format(state.at()));
        upsert.executeUpdate();
      }
      return null;
    });
  }

  public Optional<State> read() {
    return db.read(c -> {
      try (PreparedStatement q = c.prepareStatement("SELECT listen, url, problem, pid, updated_at FROM web_console WHERE id = 1");
          ResultSet rs = q.executeQuery()) {
        return rs.next()
            ? Optional.of(new State(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), Timestamps.parse(rs.getString(5))))
            : Optional.<State>empty();
      }
    });
  }
}
