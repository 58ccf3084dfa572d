package org.industriallmonitor.parse;

/** A link to the same article in another language. */
public record Translation(String lang, String url) {}
