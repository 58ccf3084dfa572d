package org.industriallmonitor.app;

/** "1 country", "2 countries": counts in the words of the sentences the commands print. */
public final class Plural {
  private Plural() {}

  public static String of(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
