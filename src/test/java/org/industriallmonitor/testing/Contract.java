package org.industriallmonitor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The files of {@code shared/site} and {@code shared/seeds}, copied into the test resources. */
public final class Contract {
  public static final String ARTICLE_STRUGGLE = "article-kyrgyzstans-ongoing-struggle-for-fundamental-workers-rights.html";
  public static final String ARTICLE_ORGANIZING = "article-organizing-leads-to-massive-increase-of-the-union-membership-in-kyrgyzstan.html";
  public static final String LISTING_KAZAKHSTAN_40 = "search-regions-169-from-40.html";
  public static final String SEED_STRUGGLE = "001_f6c06a6f515aba8c.txt";
  public static final String SEED_ORGANIZING = "002_5382756016882a8e.txt";
  public static final String SEED_LISTING = "004_e7037b7be330352d.txt";

  private Contract() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Contract.class.getResourceAsStream("/contract/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource contract/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }
}
