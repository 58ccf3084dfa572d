package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class VersionProviderTest {
  @Test
  void printsTheVersionTheCommitAndTheJavaItRunsOn() {
    String[] lines = new VersionProvider().getVersion();

    assertThat(lines).hasSize(3);
    // The build filled build.properties in: the pom's version, and this checkout's commit.
    assertThat(lines[0]).isEqualTo("industriall-monitor " + pomVersion());
    assertThat(lines[1]).matches("built from commit ([0-9a-f]{40}|unknown)");
    assertThat(lines[2]).isEqualTo("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
        + ", " + System.getProperty("java.home") + ")");
  }

  @Test
  void aBuildOutsideGitSaysTheCommitIsUnknown() {
    Properties unfiltered = new Properties();
    unfiltered.setProperty("version", "0.2.0");
    unfiltered.setProperty("commit", "${git.commit.id}");
    
    assertThat(VersionProvider.lines(unfiltered, "21.0.2", "Eclipse Adoptium", "/opt/java"))
        .containsExactly("industriall-monitor 0.2.0", "built from commit unknown", "Java 21.0.2 (Eclipse Adoptium, /opt/java)");
    assertThat(VersionProvider.lines(new Properties(), "17", "Debian", "/usr"))
        .startsWith("industriall-monitor unknown", "built from commit unknown");
  }

  private static String pomVersion() {
    // Maven's own resource filtering of the test side is not set up; the pom is one folder up.
    try {
      String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("<artifactId>industriall-monitor</artifactId>\\s*<version>([^<]+)</version>")
          .matcher(pom);
      return m.find() ? m.group(1) : "?";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
