package dev.imagebake.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A named SLF4J logger writing to the {@link LogSink}. With the debug log off, {@code
 * isDebugEnabled()} is one comparison and nothing is formatted.
 */
final class SinkLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  private final transient LogSink sink;
  private final int threshold;

  SinkLogger(String name, LogSink sink) {
    this.name = name;
    this.sink = sink;
    this.threshold = sink.thresholdFor(name).toInt();
  }

  private boolean enabled(Level level) {
    return level.toInt() >= threshold;
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
    sink.write(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), thrown);
  }
}
