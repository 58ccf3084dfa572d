package org.industriallmonitor.config;

/** One monitored country: its display name and the site's region id. */
public record CountryConfig(String name, int region) {}
