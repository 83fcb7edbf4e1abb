package dev.imagebake.cli;

import dev.imagebake.engine.RunResult;

/**
 * Every exit status imagebake returns, in one place (the README's table is generated from the same
 * list by hand; keep them in step).
 */
final class ExitCodes {
  /** Success. */
  static final int OK = 0;

  /** The template is invalid, or a build failed (Packer returns 1 for both). */
  static final int FAILED = 1;

  /**
   * The command line or the set-up is wrong: unknown flag, missing argument, a plugin jar that does
   * not load, two plugins claiming one type (Packer returns 1).
   */
  static final int USAGE = 2;

  /** A bug in imagebake: an unexpected exception. Rerun with --stacktrace and report it. */
  static final int INTERNAL_ERROR = 3;

  /** No such command (as Packer). */
  static final int UNKNOWN_COMMAND = 127;

  /** The build was interrupted (SIGINT/SIGTERM) and cleaned up (Packer returns 1). */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit status of a {@code build} run that ended so. */
  static int of(RunResult.Outcome outcome) {
    return switch (outcome) {
      case SUCCEEDED -> OK;
      case ERRORED -> FAILED;
      case INTERRUPTED -> INTERRUPTED;
    };
  }
}
