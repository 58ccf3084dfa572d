package org.industriallmonitor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the monitor's version, the commit it was built from and the Java it runs on, the
 * three things a bug report needs. The first two come from {@code build.properties}, which the build
 * fills in; the Java is the one running, which may not be the one that built it.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
  static final String UNKNOWN = "unknown";

  @Override
  public String[] getVersion() {
    return lines(readBuildProperties(), System.getProperty("java.version"), System.getProperty("java.vendor"),
        System.getProperty("java.home"));
  }

  static String[] lines(Properties build, String javaVersion, String javaVendor, String javaHome) {
    return new String[] {
        "industriall-monitor " + known(build.getProperty("version")),
        "built from commit " + known(build.getProperty("commit")),
        "Java " + javaVersion + " (" + javaVendor + ", " + javaHome + ")"};
  }

  /** A value the build could not fill in is left as its placeholder, or is missing: both are unknown. */
  private static String known(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value.strip();
  }

  private static Properties readBuildProperties() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
