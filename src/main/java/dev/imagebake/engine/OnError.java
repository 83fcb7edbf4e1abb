package dev.imagebake.engine;

import dev.imagebake.sdk.Step;
import java.util.List;
import java.util.Locale;

/** {@code -on-error}: what happens when a step fails (reference §3.9). */
public enum OnError {
  /** Run every cleanup (the default). */
  CLEANUP,
  /** Skip every cleanup; the error-cleanup-provisioner does not run. */
  ABORT,
  /** Ask: clean up, abort, or retry the step; cleanup without a terminal. */
  ASK,
  /** Like abort, but the provisioning step's cleanup (the error-cleanup-provisioner) runs. */
  RUN_CLEANUP_PROVISIONER;

  /**
   * {@code steps} wrapped in this policy's decorator (as Packer's runner wraps them in its abort or
   * ask step); unchanged for {@link #CLEANUP}.
   */
  public List<Step> decorate(List<Step> steps) {
    return switch (this) {
      case CLEANUP -> steps;
      case ABORT -> steps.stream().<Step>map(s -> new AbortOnError(s, false)).toList();
      case RUN_CLEANUP_PROVISIONER ->
          steps.stream().<Step>map(s -> new AbortOnError(s, true)).toList();
      case ASK -> steps.stream().<Step>map(AskOnError::new).toList();
    };
  }

  /** The flag's value, e.g. {@code run-cleanup-provisioner}. */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a flag value.
   *
   * @throws IllegalArgumentException with Packer's message for an unknown value
   */
  public static OnError parse(String value) {
    for (OnError o : values()) {
      if (o.flagValue().equals(value)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "invalid value \""
            + value
            + "\" for flag -on-error: expected one of [\"cleanup\" \"abort\" \"ask\""
            + " \"run-cleanup-provisioner\"]");
  }
}
