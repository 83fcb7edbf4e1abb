package dev.imagebake.communicator.ssh;

import net.schmizz.sshj.common.LoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/**
 * sshj's loggers, silenced unless debug logging is on for them. sshj reports routine events at INFO
 * ("Client identity string", "Disconnected - BY_APPLICATION") and recoverable ones at WARN, which
 * would land between a build's output lines; what matters reaches the user through this package's
 * own errors. With debug logging enabled everything sshj says is logged as usual.
 */
final class SshjLogging implements LoggerFactory {
  static final SshjLogging INSTANCE = new SshjLogging();

  private SshjLogging() {}

  @Override
  public Logger getLogger(String name) {
    return quietUnlessDebug(org.slf4j.LoggerFactory.getLogger(name));
  }

  @Override
  public Logger getLogger(Class<?> clazz) {
    return quietUnlessDebug(org.slf4j.LoggerFactory.getLogger(clazz));
  }

  private static Logger quietUnlessDebug(Logger logger) {
    return logger.isDebugEnabled() ? logger : NOPLogger.NOP_LOGGER;
  }
}
