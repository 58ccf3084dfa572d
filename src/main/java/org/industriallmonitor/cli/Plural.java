package org.industriallmonitor.cli;

/** "1 country", "2 countries": counts in the words of the sentences the commands print. */
final class Plural {
  private Plural() {}

  static String of(int count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
