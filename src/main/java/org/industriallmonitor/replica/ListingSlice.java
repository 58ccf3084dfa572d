package org.industriallmonitor.replica;

import java.util.List;

/** One page of a country's listing: the results from {@code from}, and how many there are in all. */
public record ListingSlice(int from, int total, List<ReplicaArticle> articles) {}
