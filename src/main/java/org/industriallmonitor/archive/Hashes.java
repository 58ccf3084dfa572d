package org.industriallmonitor.archive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lowercase hex, the checksum used by the archive and the listing page records. */
public final class Hashes {
  private Hashes() {}

  /** The SHA-256 of a file's bytes, read in pieces (a database may be larger than memory allows at once). */
  public static String sha256(java.nio.file.Path file) throws java.io.IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
