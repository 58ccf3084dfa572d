package org.industriallmonitor.calibrate;

/** A reference article as fetched: its known archive text and the HTML of its page. */
record ArticleReference(KnownArticle known, String html) {}
