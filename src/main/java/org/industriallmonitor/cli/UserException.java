package org.industriallmonitor.cli;

/** A command cannot do what it was asked; the message says why and what to do instead. */
final class UserException extends RuntimeException {
  private final int exitCode;

  UserException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
