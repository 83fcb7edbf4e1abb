package dev.imagebake.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * imagebake's SLF4J provider, named by {@code bin/imagebake} ({@code -Dslf4j.provider=...}) and
 * declared in {@code META-INF/services} for other class paths. It reads the environment once, when
 * SLF4J first initialises (a command that logs nothing never does).
 */
public final class LogProvider implements SLF4JServiceProvider {
  private static volatile LogSink sink;

  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();
  private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory =
      name -> loggers.computeIfAbsent(name, n -> new SinkLogger(n, sink()));

  static LogSink sink() {
    LogSink s = sink;
    if (s == null) {
      synchronized (LogProvider.class) {
        if (sink == null) {
          sink = LogSink.fromEnvironment();
        }
        s = sink;
      }
    }
    return s;
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    sink();
  }
}
