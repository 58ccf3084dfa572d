package org.industriallmonitor.parse;

/**
 * A page that loaded but where a configured selector found nothing: the site's markup changed,
 * or the selectors in the configuration are wrong.
 */
public final class LayoutException extends Exception {
  private final String url;
  private final String selectorKey;
  private final String selector;

  public LayoutException(String url, String selectorKey, String selector, String what) {
    super("layout changed at " + url + ": " + what + " (selector " + selectorKey + " = \"" + selector + "\" found nothing)");
    this.url = url;
    this.selectorKey = selectorKey;
    this.selector = selector;
  }

  /** A selector that found an element, but not the one it should have: {@code found} says how it is wrong. */
  public LayoutException(String url, String selectorKey, String selector, String what, String found) {
    super("layout changed at " + url + ": " + what + " (selector " + selectorKey + " = \"" + selector + "\" " + found + ")");
    this.url = url;
    this.selectorKey = selectorKey;
    this.selector = selector;
  }

  public String url() {
    return url;
  }

  /** The configuration key under {@code site.selectors} of the selector that found nothing. */
  public String selectorKey() {
    return selectorKey;
  }

  public String selector() {
    return selector;
  }
}
