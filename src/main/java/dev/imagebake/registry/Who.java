package dev.imagebake.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Who runs imagebake and where, as versions and channel moves record it. */
public final class Who {
  private Who() {}

  /** {@code USER}, else {@code LOGNAME}, else the JVM's user name. */
  public static String user(Map<String, String> env) {
    for (String k : new String[] {"USER", "LOGNAME"}) {
      String v = env.get(k);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return System.getProperty("user.name", "unknown");
  }

  /** The host name, read from the kernel (no DNS look-up, which can hang). */
  public static String host(Map<String, String> env) {
    try {
      String h =
          Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException e) {
      // Not Linux: fall back to the environment.
    }
    return env.getOrDefault("HOSTNAME", "unknown");
  }

  /** {@code user@host}, as channel moves and revocations record who made them. */
  public static String userAtHost(Map<String, String> env) {
    return user(env) + "@" + host(env);
  }
}
