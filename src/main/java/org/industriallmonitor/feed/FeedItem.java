package org.industriallmonitor.feed;

import java.time.Instant;
import java.util.Optional;

/** One item of the site-wide feed that links an article of the site. */
public record FeedItem(String slug, String url, String title, Optional<Instant> published) {}
