package org.industriallmonitor.config;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a country's name is compared with the names the site gives its countries: without case,
 * accents or the spacing around words ({@code Kirguistán}, {@code KIRGUISTAN} and {@code kirguistan}
 * are one name). A migration may renumber the site's region ids; the name is what stays.
 */
public final class CountryNames {
  private CountryNames() {}

  /** The form two names are compared in. */
  public static String key(String name) {
    String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
    String bare = decomposed.replaceAll("\\p{M}+", "");
    return bare.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  /** True when {@code a} and {@code b} are the same name, case and accents aside. */
  public static boolean same(String a, String b) {
    return key(a).equals(key(b));
  }
}
