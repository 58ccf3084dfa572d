package org.industriallmonitor.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a page's bytes into text without guessing silently. The charset comes from the
 * Content-Type header or the page's {@code <meta charset>}, UTF-8 when neither says. When the two
 * disagree (a lying header), valid UTF-8 wins, since it is almost never an accident; otherwise
 * the header does. Bytes that are not valid in the chosen charset are an error, not replaced.
 */
final class PageDecoder {
  private static final Pattern META_CHARSET =
      Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);

  private PageDecoder() {}

  static String decode(byte[] bytes, String headerCharset, String url) throws UnusableResponseException {
    Optional<Charset> header = charset(headerCharset, url);
    if (header.isPresent() && header.get().equals(StandardCharsets.UTF_8)) {
      // The common case needs no look at the meta tag: valid UTF-8 wins whatever the page says.
      Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
      if (utf8.isPresent()) {
        return utf8.get();
      }
    }
    List<Charset> declared = new ArrayList<>();
    header.ifPresent(declared::add);
    metaCharset(bytes, url).filter(c -> !declared.contains(c)).ifPresent(declared::add);
    if (declared.isEmpty()) {
      declared.add(StandardCharsets.UTF_8);
    }
    if (declared.contains(StandardCharsets.UTF_8)) {
      Optional<String> utf8 = strict(bytes, StandardCharsets.UTF_8);
      if (utf8.isPresent() || declared.size() == 1) {
        return utf8.orElseThrow(() -> new UnusableResponseException(url, "the body is not valid UTF-8 text"));
      }
    }
    for (Charset charset : declared) {
      if (!charset.equals(StandardCharsets.UTF_8)) {
        Optional<String> text = strict(bytes, charset);
        if (text.isPresent()) {
          return text.get();
        }
      }
    }
    throw new UnusableResponseException(url, "the body is not valid " + declared.get(0).name() + " text");
  }

  private static Optional<Charset> metaCharset(byte[] bytes, String url) throws UnusableResponseException {
    String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    return m.find() ? charset(m.group(1), url) : Optional.empty();
  }

  private static Optional<Charset> charset(String name, String url) throws UnusableResponseException {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Charset.forName(name.trim()));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UnusableResponseException(url, "unknown charset '" + name.trim() + "'");
    }
  }

  private static Optional<String> strict(byte[] bytes, Charset charset) {
    try {
      return Optional.of(charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
