package org.industriallmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ManPageTest {
  private final String page = ManPage.render(Main.commandLine(), "9.8.7");

  @Test
  void namesTheProgramItsVersionAndEveryCommandItShows() {
    assertThat(page).startsWith(".TH INDUSTRIALL\\-MONITOR 1 \"\" \"industriall-monitor 9.8.7\" \"User Commands\"\n.SH NAME\n");
    for (CommandLine command : Main.commandLine().getSubcommands().values()) {
      String section = ".SS \"industriall\\-monitor " + command.getCommandName().replace("-", "\\-") + "\"";
      if (command.getCommandSpec().usageMessage().hidden()) {
        assertThat(page).doesNotContain(section);
      } else {
        assertThat(page).contains(section);
      }
    }
    assertThat(page).contains(".SS \"industriall\\-monitor outbox retry\"");
  }

  @Test
  void optionsAndExitCodesComeFromTheCommandDefinitions() {
    // validate --online, with its description, and validate's exit code 3.
    String validate = page.substring(page.indexOf(".SS \"industriall\\-monitor validate\""));
    validate = validate.substring(0, validate.indexOf(".SS ", 1));
    assertThat(validate).contains(".TP\n\\fB\\-\\-online\\fR\nAlso check the configured countries against the site",
        ".TP\n3\nthe configuration is missing or invalid");
    // --help and --version once, at the top, not under every command.
    assertThat(page.split("\\\\fB\\\\-\\\\-help\\\\fR", -1)).hasSize(2);
  }

  @Test
  void noLineIsTakenForARoffRequestByMistake() {
    // Each line starting with a dot or a quote is one of the page's own requests.
    assertThat(page.lines().filter(line -> line.startsWith(".") || line.startsWith("'")))
        .allMatch(line -> line.matches("\\.(TH|SH|SS|TP|PP|nf|fi|B|I|BR)( .*)?"), "a roff request");
  }
}
