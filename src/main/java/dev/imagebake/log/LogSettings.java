package dev.imagebake.log;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * What the environment asks of the log, read once at start-up.
 *
 * @param threshold the least severe level of imagebake's own lines: {@code DEBUG} with {@code
 *     PACKER_LOG} or {@code IMAGEBAKE_LOG} set to anything but {@code ""} and {@code "0"} (as
 *     Packer), {@code TRACE} with {@code IMAGEBAKE_LOG=trace}, else {@code WARN} (only what is
 *     wrong); libraries' lines see {@link #thresholdFor}
 * @param path the file the log is appended to ({@code PACKER_LOG_PATH}, only with the debug log on,
 *     as Packer); null: stderr
 */
record LogSettings(Level threshold, Path path) {

  static LogSettings of(Map<String, String> env) {
    String ours = env.getOrDefault("IMAGEBAKE_LOG", "");
    boolean on = enables(env.getOrDefault("PACKER_LOG", "")) || enables(ours);
    if (!on) {
      return new LogSettings(Level.WARN, null);
    }
    String path = env.getOrDefault("PACKER_LOG_PATH", "");
    return new LogSettings(
        "trace".equalsIgnoreCase(ours) ? Level.TRACE : Level.DEBUG,
        path.isEmpty() ? null : Path.of(path));
  }

  private static boolean enables(String value) {
    return !value.isEmpty() && !value.equals("0");
  }

  /**
   * Libraries whose debug lines are the SSH exchange (key exchange, authentication, channels,
   * commands) and the AWS SDK's request lines: logged at {@code DEBUG} with the log on. Other
   * libraries log from {@code INFO} (their debug lines are internals: schema loading, promises),
   * all of them from {@code DEBUG} with {@code IMAGEBAKE_LOG=trace}.
   */
  private static final List<String> DEBUG_LIBRARIES =
      List.of(
          "net.schmizz.sshj.transport.TransportImpl",
          "net.schmizz.sshj.transport.KeyExchanger",
          "net.schmizz.sshj.userauth",
          "net.schmizz.sshj.connection",
          "net.schmizz.sshj.SSHClient",
          "software.amazon.awssdk.request");

  /**
   * Loggers never written below {@code WARN}: ASN.1 parsing logs private keys byte by byte, and
   * sshj's packet coders log whole packets (a password authentication among them) in hex, which no
   * secret filter could recognise.
   */
  private static final List<String> KEY_MATERIAL =
      List.of(
          "com.hierynomus.asn1",
          "net.schmizz.sshj.transport.Encoder",
          "net.schmizz.sshj.transport.Decoder");

  /** The least severe level {@code logger}'s lines are written at. */
  Level thresholdFor(String logger) {
    if (threshold == Level.WARN || startsWithAny(logger, KEY_MATERIAL)) {
      return Level.WARN;
    }
    if (logger.startsWith("dev.imagebake.")) {
      return threshold;
    }
    if (threshold == Level.TRACE || startsWithAny(logger, DEBUG_LIBRARIES)) {
      return Level.DEBUG;
    }
    return Level.INFO;
  }

  private static boolean startsWithAny(String logger, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (logger.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
