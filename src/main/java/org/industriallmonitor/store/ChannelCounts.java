package org.industriallmonitor.store;

import java.time.Instant;

/** Deliveries of one channel by state; {@code oldestPending} is null when nothing is pending. */
public record ChannelCounts(String channel, int pending, int delivered, int dead, Instant oldestPending) {}
