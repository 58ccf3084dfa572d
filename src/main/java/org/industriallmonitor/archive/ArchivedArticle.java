package org.industriallmonitor.archive;

/**
 * Where an article was archived, relative to the archive root with '/' separators, its checksum,
 * and the text itself (for the search index, which is written with the article's row).
 */
public record ArchivedArticle(String textPath, String sidecarPath, String sha256, String text) {}
