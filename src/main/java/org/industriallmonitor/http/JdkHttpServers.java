package org.industriallmonitor.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes this program's JDK HTTP servers: the console's, and the replica site's and webhook
 * receiver's of tests and demos. The JDK server reads its settings from system properties once,
 * when its first server of the JVM is made, and they hold for every server after: so all are made
 * here, after the settings below are in place, whichever comes first.
 *
 * <ul>
 *   <li>A request's line, headers and body must arrive within {@value #MAX_REQUEST_SECONDS} s of
 *       its first byte; a connection that sends half a request and waits (a slowloris) is closed
 *       then, and gives back the thread that was reading it.
 *   <li>An answer (its handling and its sending) must be done within {@value #MAX_RESPONSE_SECONDS}
 *       s: a client that never reads a long feed holds a thread no longer.
 *   <li>TCP_NODELAY: without it the server's separate header and body writes meet delayed ACKs
 *       (40 ms an answer).
 * </ul>
 *
 * A property set already (on the command line, {@code -Dsun.net.httpserver.maxReqTime=30}) is left
 * as it is.
 */
public final class JdkHttpServers {
  public static final int MAX_REQUEST_SECONDS = 5;
  public static final int MAX_RESPONSE_SECONDS = 60;
  private static final Map<String, String> SETTINGS = new LinkedHashMap<>();

  static {
    SETTINGS.put("sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS));
    SETTINGS.put("sun.net.httpserver.maxRspTime", String.valueOf(MAX_RESPONSE_SECONDS));
    SETTINGS.put("sun.net.httpserver.nodelay", "true");
  }

  private JdkHttpServers() {}

  /** {@link HttpServer#create(InetSocketAddress, int)}, with the settings above in force. */
  public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
    applySettings();
    return HttpServer.create(address, backlog);
  }

  private static synchronized void applySettings() {
    SETTINGS.forEach((name, value) -> {
      if (System.getProperty(name) == null) {
        System.setProperty(name, value);
      }
    });
  }
}
