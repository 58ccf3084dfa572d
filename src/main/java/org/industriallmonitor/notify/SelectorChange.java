package org.industriallmonitor.notify;

/** One selector a layout repair changed, as its {@code monitor.alert} reports it. */
public record SelectorChange(String selector, String before, String after) {}
