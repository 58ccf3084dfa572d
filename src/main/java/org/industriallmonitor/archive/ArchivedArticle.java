package org.industriallmonitor.archive;

/** Where an article was archived, relative to the archive root with '/' separators, and its checksum. */
public record ArchivedArticle(String textPath, String sidecarPath, String sha256) {}
