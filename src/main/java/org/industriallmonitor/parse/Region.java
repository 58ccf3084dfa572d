package org.industriallmonitor.parse;

/** A country as the site names it, with its region id. */
public record Region(int id, String name) {}
