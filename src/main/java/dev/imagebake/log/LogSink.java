package dev.imagebake.log;

import dev.imagebake.ui.SecretFilter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;
import org.slf4j.event.Level;

/**
 * Where log lines go: stderr or the {@code PACKER_LOG_PATH} file, one line per line of a message,
 * each prefixed with Packer's time stamp ({@code 2026/12/07 18:00:00}), so that grep finds every
 * line with its time, then the level and the logger. Every line is masked with the run's {@link
 * SecretFilter} before it is written. Thread-safe.
 */
final class LogSink {
  private static final String OURS = "dev.imagebake.";

  private final LogSettings settings;
  private final Supplier<PrintStream> out;
  private final ZoneId zone;
  private volatile SecretFilter secrets;

  /**
   * Packer's time stamp; in a holder, so that a command that writes no line never loads the
   * time-zone rules and formatters (a ServiceLoader look-up and ~100 classes: start-up matters).
   */
  private static final class Stamp {
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");
  }

  /**
   * @param out the stream at each write: stderr is looked up each time, since the CLI and its tests
   *     replace it
   * @param zone the time stamps' zone; null: the system's, looked up at the first line
   */
  LogSink(LogSettings settings, Supplier<PrintStream> out, ZoneId zone) {
    this.settings = settings;
    this.out = out;
    this.zone = zone;
  }

  /** The sink the environment asks for; a log file that cannot be opened falls back to stderr. */
  static LogSink fromEnvironment() {
    LogSettings settings = LogSettings.of(System.getenv());
    Supplier<PrintStream> out = () -> System.err;
    String problem = null;
    if (settings.path() != null) {
      try {
        PrintStream file =
            new PrintStream(
                new FileOutputStream(settings.path().toFile(), true),
                false,
                StandardCharsets.UTF_8);
        out = () -> file;
      } catch (IOException e) {
        problem = "cannot open PACKER_LOG_PATH " + settings.path() + ": " + e.getMessage();
      }
    }
    LogSink sink = new LogSink(settings, out, null);
    if (problem != null) {
      sink.write(Level.WARN, "dev.imagebake.log.LogSink", problem, null);
    }
    return sink;
  }

  /** The least severe level {@code logger} writes. */
  Level thresholdFor(String logger) {
    return settings.thresholdFor(logger);
  }

  void maskWith(SecretFilter filter) {
    secrets = filter;
  }

  /** Writes one message (the caller checked its level). */
  void write(Level level, String logger, String message, Throwable thrown) {
    String text = message == null ? "" : message;
    if (thrown != null) {
      StringWriter trace = new StringWriter();
      thrown.printStackTrace(new PrintWriter(trace));
      text = text + "\n" + trace.toString().stripTrailing();
    }
    LocalDateTime now = LocalDateTime.now(zone == null ? ZoneId.systemDefault() : zone);
    String prefix = Stamp.FORMAT.format(now) + " [" + level + "] " + shortName(logger) + ": ";
    StringBuilder lines = new StringBuilder();
    SecretFilter filter = secrets;
    text.lines()
        .forEach(
            line ->
                lines
                    .append(prefix)
                    .append(filter == null ? line : filter.mask(line))
                    .append('\n'));
    if (lines.length() == 0) {
      lines.append(prefix).append('\n');
    }
    PrintStream target = out.get();
    synchronized (this) {
      target.print(lines);
      target.flush();
    }
  }

  /**
   * Our loggers by package below {@code dev.imagebake} ({@code communicator.ssh}, {@code engine}),
   * as Packer names a line by its plugin; libraries' by their full name.
   */
  static String shortName(String logger) {
    if (!logger.startsWith(OURS)) {
      return logger;
    }
    String rest = logger.substring(OURS.length());
    int lastDot = rest.lastIndexOf('.');
    boolean isClass =
        lastDot >= 0
            && lastDot + 1 < rest.length()
            && Character.isUpperCase(rest.charAt(lastDot + 1));
    return isClass ? rest.substring(0, lastDot) : rest;
  }
}
