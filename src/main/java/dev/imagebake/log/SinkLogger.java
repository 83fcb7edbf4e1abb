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

  SinkLogger(String name, LogSink sink) {
    this.name = name;
    this.sink = sink;
  }

  @Override
  public boolean isTraceEnabled() {
    return sink.enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return sink.enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return sink.enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return sink.enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return sink.enabled(Level.ERROR);
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
