package dev.imagebake.sdk;

import java.util.Optional;

/**
 * Where a component reports progress. The engine prefixes every line with the build (and
 * post-processor) name, masks secrets and routes it to the console, machine-readable output and the
 * event log; a component never prints directly.
 *
 * <p>Implementations are thread-safe: a provisioner may report stdout and stderr lines from two
 * threads.
 */
public interface Ui {
  /** A step-level announcement, rendered as {@code ==> build: text}. */
  void say(String text);

  /** Output of a remote or local command, rendered as {@code build: text}. */
  void message(String text);

  /** An error line, rendered as {@code ==> build: text} in red. */
  void error(String text);

  /**
   * Asks the person at the terminal and waits for one line. Returns empty when there is no terminal
   * to ask (CI, piped input, machine-readable mode), so callers must have a default.
   */
  Optional<String> ask(String prompt);

  /**
   * Starts the progress line of a transfer of {@code totalBytes} ({@code -1} when unknown). Only a
   * console on a terminal shows it, and only once the transfer has taken a second; everywhere else
   * (and by default) counting costs nothing and shows nothing.
   */
  default TransferProgress transfer(long totalBytes) {
    return TransferProgress.none();
  }
}
