import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Build step (run as a single source file by exec-maven-plugin): FILE... to FILE.gz, as `gzip -9n` would,
 * for the Debian package's manual page and changelogs. Java's GZIPOutputStream neither compresses at
 * level 9 nor marks it in the header (XFL=2), and lintian requires both of a manual page; the header's
 * time is 0, so the same input makes the same bytes. No gzip program is needed to build.
 */
public final class GzipMax {
  public static void main(String[] args) throws IOException {
    for (String name : args) {
      byte[] data = Files.readAllBytes(Path.of(name));
      CRC32 crc = new CRC32();
      crc.update(data);
      try (OutputStream out = Files.newOutputStream(Path.of(name + ".gz"))) {
        // Magic, deflate, no flags, mtime 0, XFL 2 (maximum compression), OS 3 (Unix).
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater);
        deflated.write(data);
        deflated.finish();
        deflater.end();
        writeLittleEndian(out, crc.getValue());
        writeLittleEndian(out, data.length & 0xffffffffL);
      }
    }
  }

  private static void writeLittleEndian(OutputStream out, long value) throws IOException {
    for (int i = 0; i < 4; i++) {
      out.write((int) (value >>> (8 * i)) & 0xff);
    }
  }
}
