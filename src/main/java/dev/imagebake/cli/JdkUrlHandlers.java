package dev.imagebake.cli;

import java.net.URL;
import java.net.URLStreamHandler;
import java.net.URLStreamHandlerFactory;

/**
 * Answers {@code http} and {@code https} URLs with the JDK's own handlers, without the look-up that
 * the JDK makes for the first URL of each protocol in a process.
 *
 * <p>Why: that look-up asks every jar of the class path for a {@code URLStreamHandlerProvider}
 * service, which opens all 70 of them (~100 ms of a cold JVM), and the JDK's cryptography makes an
 * {@code http} URL the first time a cipher is used (an SSH connection, an HTTPS call). No jar of
 * imagebake's provides a handler, so the look-up always ends with the JDK's own handler, which this
 * factory gives at once.
 *
 * <p>It needs the two packages exported to it, which the jar's manifest does ({@code Add-Exports},
 * honoured by {@code java -jar}); without that (a test's class path), or where the JDK has no such
 * classes, nothing is installed and the JDK looks up as usual. It is installed once per process, by
 * {@link Main#main} only (a factory can be set once per JVM, and tests call {@link Main#run}).
 */
final class JdkUrlHandlers implements URLStreamHandlerFactory {
  private final URLStreamHandler http;
  private final URLStreamHandler https;

  private JdkUrlHandlers(URLStreamHandler http, URLStreamHandler https) {
    this.http = http;
    this.https = https;
  }

  static void install() {
    if ("off".equals(System.getProperty("imagebake.startup.jdkUrlHandlers"))) {
      return;
    }
    URLStreamHandler http = jdkHandler("http");
    URLStreamHandler https = jdkHandler("https");
    if (http == null || https == null) {
      return;
    }
    try {
      URL.setURLStreamHandlerFactory(new JdkUrlHandlers(http, https));
    } catch (Error alreadySet) {
      // Someone set one first: theirs answers.
    }
  }

  private static URLStreamHandler jdkHandler(String protocol) {
    try {
      return (URLStreamHandler)
          Class.forName("sun.net.www.protocol." + protocol + ".Handler")
              .getConstructor()
              .newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }

  @Override
  public URLStreamHandler createURLStreamHandler(String protocol) {
    return switch (protocol) {
      case "http" -> http;
      case "https" -> https;
      default -> null;
    };
  }
}
