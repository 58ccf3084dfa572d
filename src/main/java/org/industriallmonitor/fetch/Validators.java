package org.industriallmonitor.fetch;

/** The validators of a response, sent back as {@code If-None-Match} and {@code If-Modified-Since}. */
public record Validators(String etag, String lastModified) {
  public static final Validators NONE = new Validators(null, null);

  public boolean isEmpty() {
    return etag == null && lastModified == null;
  }
}
