package org.industriallmonitor.config;

/**
 * A PostgreSQL database named by {@code storage.database: postgresql://HOST:PORT/DB}: where it is
 * and who connects. The user and the password come from {@code PGUSER} / {@code PGPASSWORD} or
 * from {@code ${VAR}} references in the address, never from the file itself.
 */
public record PostgresTarget(String host, int port, String database, String user, String password) {
  public static final int DEFAULT_PORT = 5432;
  public static final String SCHEME = "postgresql://";
  private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile(
      "postgresql://(?:([^:@/]*)(?::([^@/]*))?@)?(\\[[0-9A-Fa-f:.]+\\]|[^:/@\\[\\]]+)(?::(\\d{1,5}))?/([^/?#]+)");

  /**
   * Reads {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DB}, the user and the password that it
   * leaves out taken from {@code PGUSER} and {@code PGPASSWORD} in {@code environment}.
   *
   * @throws IllegalArgumentException naming what is wrong with the address
   */
  public static PostgresTarget parse(String value, java.util.function.UnaryOperator<String> environment) {
    java.util.regex.Matcher url = URL.matcher(value.trim());
    if (!url.matches() || url.group(4) != null && Integer.parseInt(url.group(4)) > 65535) {
      throw new IllegalArgumentException("expected postgresql://HOST:PORT/DATABASE (user and password from PGUSER and PGPASSWORD), got '"
          + withoutPassword(value.trim()) + "'");
    }
    String user = url.group(1) != null && !url.group(1).isEmpty() ? url.group(1) : environment.apply("PGUSER");
    String password = url.group(2) != null && !url.group(2).isEmpty() ? url.group(2) : environment.apply("PGPASSWORD");
    return new PostgresTarget(url.group(3).replace("[", "").replace("]", ""),
        url.group(4) == null ? DEFAULT_PORT : Integer.parseInt(url.group(4)), url.group(5),
        user == null || user.isBlank() ? null : user, password == null || password.isEmpty() ? null : password);
  }

  /** The password written in {@code value} ({@code USER:PASSWORD@}), if one is. */
  public static java.util.Optional<String> writtenPassword(String value) {
    java.util.regex.Matcher url = URL.matcher(value.trim());
    return url.matches() && url.group(2) != null && !url.group(2).isEmpty() ? java.util.Optional.of(url.group(2)) : java.util.Optional.empty();
  }

  private static String withoutPassword(String value) {
    return value.replaceAll("(postgresql://[^:@/]*):[^@/]*@", "$1:***@");
  }

  /**
   * The JDBC address, without the user or the password (they are passed apart), with the time-outs
   * that keep a server which accepts connections and never answers from hanging the monitor: the
   * TCP connection and the whole sign-in within {@value #LOGIN_TIMEOUT_SECONDS} s, each read within
   * {@value #READ_TIMEOUT_SECONDS} s. In the address so that the scheduler's connection pool has
   * them too.
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + hostForUrl() + ":" + port + "/" + database + "?connectTimeout=" + LOGIN_TIMEOUT_SECONDS
        + "&loginTimeout=" + LOGIN_TIMEOUT_SECONDS + "&socketTimeout=" + READ_TIMEOUT_SECONDS + "&tcpKeepAlive=true";
  }

  /** How long connecting and signing in may take. */
  public static final int LOGIN_TIMEOUT_SECONDS = 5;

  /** How long one answer of the server may take (the longest statement the monitor runs takes well under a second). */
  public static final int READ_TIMEOUT_SECONDS = 60;

  /** The address as a user writes it, with no secret in it: for logs, {@code status} and errors. */
  public String display() {
    return "postgresql://" + (user == null ? "" : user + "@") + hostForUrl() + ":" + port + "/" + database;
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  @Override
  public String toString() {
    return display();
  }
}
