package org.industriallmonitor.parse;

/** A theme tag of an article. */
public record Theme(int id, String name) {}
