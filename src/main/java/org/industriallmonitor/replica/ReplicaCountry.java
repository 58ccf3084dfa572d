package org.industriallmonitor.replica;

/** A country of the replica's facet list. */
public record ReplicaCountry(int region, String name) {}
