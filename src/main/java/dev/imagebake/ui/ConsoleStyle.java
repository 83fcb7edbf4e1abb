package dev.imagebake.ui;

import java.time.ZoneId;
import java.util.Map;

/**
 * How the human console output looks.
 *
 * @param color ANSI colours per build (decide with {@link #colorWanted})
 * @param timestamps {@code -timestamp-ui}: prefix each build line with RFC 3339 time
 * @param zone the zone of those timestamps (Packer uses local time)
 */
public record ConsoleStyle(boolean color, boolean timestamps, ZoneId zone) {
  /**
   * Colour is on unless {@code -color=false}, {@code NO_COLOR} or {@code PACKER_NO_COLOR} is set
   * (non-empty), or the output is not a terminal.
   */
  public static boolean colorWanted(boolean colorFlag, Map<String, String> env, boolean isTty) {
    return colorFlag
        && isTty
        && isUnset(env.get("NO_COLOR"))
        && isUnset(env.get("PACKER_NO_COLOR"));
  }

  private static boolean isUnset(String value) {
    return value == null || value.isEmpty();
  }
}
