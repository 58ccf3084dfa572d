package org.industriallmonitor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A small tmpfs mounted for a test (a disk that fills up, a folder that turns read-only), where the machine allows it. */
public final class Tmpfs implements AutoCloseable {
  private final Path mountPoint;

  private Tmpfs(Path mountPoint) {
    this.mountPoint = mountPoint;
  }

  /** Mounts a tmpfs of {@code size} (such as {@code 200k}) on {@code dir}; empty when this machine does not let us. */
  public static Optional<Tmpfs> mount(Path dir, String size) {
    try {
      Files.createDirectories(dir);
      return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) ? Optional.of(new Tmpfs(dir)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public Path path() {
    return mountPoint;
  }

  /** Remounts with other options, such as {@code ro}, {@code rw} or {@code size=16m}. */
  public void remount(String options) {
    if (!run("mount", "-o", "remount," + options, mountPoint.toString())) {
      throw new IllegalStateException("cannot remount " + mountPoint + " with " + options);
    }
  }

  @Override
  public void close() {
    run("umount", "-l", mountPoint.toString());
  }

  private static boolean run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
