package org.industriallmonitor.store;

/**
 * {@code storage.database} or {@code storage.archive} names something that is not a monitor's
 * state (another application's database, a folder of other files, the file system's root): the
 * monitor refuses it rather than write its schema or its files into it.
 */
public final class ForeignStateException extends StoreException {
  public ForeignStateException(String message) {
    super(message, null);
  }
}
