package org.industriallmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.industriallmonitor.app.Components;
import org.industriallmonitor.config.MonitorConfig;
import org.industriallmonitor.notify.Channel;
import org.industriallmonitor.notify.Delivery;
import org.industriallmonitor.notify.DeliveryException;
import org.industriallmonitor.notify.Event;
import org.industriallmonitor.notify.MessageText;
import org.industriallmonitor.notify.Payloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code notify-test CHANNEL}: sends a test message to a channel right now and reports the outcome. */
@Command(name = "notify-test", mixinStandardHelpOptions = true,
    description = {"Sends a test event to one channel now (not through the outbox) and reports what happened."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the channel accepted the test message", "1:it did not (the message says why)", "2:no such channel", "3:the configuration is missing or invalid"})
final class NotifyTestCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "CHANNEL", description = "The id of a channel under notifications.channels.")
  String channelId;

  @Override
  public Integer call() throws InterruptedException {
    MonitorConfig config = options.load();
    try (Components parts = Components.of(config)) {
      Channel channel = parts.channels(config).get(channelId).orElseThrow(() -> new UserException(ExitCodes.USAGE,
          "no channel '" + channelId + "' in " + config.source() + "; channels: "
              + (config.notifications().channelIds().isEmpty() ? "none" : String.join(", ", config.notifications().channelIds()))));
      String deliveryId = "test-" + UUID.randomUUID();
      Instant now = Instant.now();
      JsonNode payload = Payloads.test(deliveryId, channelId, now);
      Delivery delivery = new Delivery(deliveryId, Event.TEST, MessageText.subject(payload), Payloads.write(payload), 1);
      PrintWriter out = spec.commandLine().getOut();
      long started = System.nanoTime();
      try {
        String outcome = channel.send(List.of(delivery));
        out.printf("%s: test message delivered (%s) in %d ms, delivery id %s%n", channelId, outcome,
            (System.nanoTime() - started) / 1_000_000, deliveryId);
        out.flush();
        return ExitCodes.OK;
      } catch (DeliveryException e) {
        spec.commandLine().getErr().printf("%s: test message NOT delivered: %s%n", channelId, e.getMessage());
        spec.commandLine().getErr().flush();
        return ExitCodes.FAILED;
      }
    }
  }
}
