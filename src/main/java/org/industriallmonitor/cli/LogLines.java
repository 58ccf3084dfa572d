package org.industriallmonitor.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;

/** How a log line is written, on the console and in the log file: a pattern, with the message made terminal-safe. */
final class LogLines {
  private LogLines() {}

  static Encoder<ILoggingEvent> encoder(LoggerContext context, String pattern) {
    PatternLayout layout = new PatternLayout();
    layout.setContext(context);
    for (String word : new String[] {"m", "msg", "message"}) {
      layout.getInstanceConverterMap().put(word, SafeMessage::new);
    }
    layout.setPattern(pattern);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.setLayout(layout);
    encoder.start();
    return encoder;
  }

  /** The message of a log event, with the control characters it may carry from the site escaped. */
  public static final class SafeMessage extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
      return TerminalText.safe(event.getFormattedMessage());
    }
  }
}
