package dev.imagebake.log;

import dev.imagebake.ui.SecretFilter;

/** The CLI's hold on the log: which secrets it masks. */
public final class DebugLog {
  private DebugLog() {}

  /**
   * Masks every value {@code filter} knows (now or later: plugins add secrets while they run) in
   * every following log line. A build installs its output's filter before any plugin runs.
   */
  public static void maskWith(SecretFilter filter) {
    LogProvider.sink().maskWith(filter);
  }
}
