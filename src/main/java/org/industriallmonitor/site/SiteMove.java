package org.industriallmonitor.site;

/**
 * The site's base address answered a permanent redirect ({@code status} 301 or 308) to the same pages below
 * another base: {@code from} is the configured {@code site.base_url}, {@code to} the base to write there.
 */
public record SiteMove(String from, String to, int status) {
  /** The line to write into the YAML's {@code site:} section. */
  public String yamlLine() {
    return "base_url: " + to;
  }

  /** What a site move means for the user, in one sentence. */
  public String problem() {
    return "site.base_url " + from + " redirects permanently (HTTP " + status + ") to " + to
        + "; the monitor follows it, write " + yamlLine() + " into the configuration's site: section";
  }

  /**
   * Hears of the site's moves, once each per process and again when the configured base, asked once an hour, still
   * redirects there: the application records them, and alerts each the first time. A move it could not record is
   * told again at the next request until it is (a busy or full database must not lose the alert).
   */
  @FunctionalInterface
  public interface Listener {
    /** No one records yet: a move is kept until a listener that records it arrives. */
    Listener NONE = move -> false;

    /** True when {@code move} is recorded (now or before); false to be told again. */
    boolean moved(SiteMove move);

    /**
     * The configured base {@code from} answers for itself again (a redirect back, or a listing or the feed answered
     * there without a redirect): every move of it recorded before is over. True when that is recorded; false to
     * be told again at its next answer.
     */
    default boolean ended(String from) {
      return true;
    }
  }
}
