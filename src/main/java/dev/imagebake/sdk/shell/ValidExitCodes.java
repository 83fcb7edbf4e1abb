package dev.imagebake.sdk.shell;

import java.util.List;
import java.util.stream.Collectors;

/** Packer's {@code valid_exit_codes} rule, shared by the shell and shell-local plugins. */
public final class ValidExitCodes {
  private ValidExitCodes() {}

  /** The codes in force: {@code [0]} when the key was not set or empty (observed with 1.6.6). */
  public static List<Integer> orDefault(List<Integer> validExitCodes) {
    return validExitCodes == null || validExitCodes.isEmpty() ? List.of(0) : validExitCodes;
  }

  /**
   * @throws ScriptFailedException with Packer's message (sic, no space after the period) when
   *     {@code status} is not one of {@code valid}
   */
  public static void check(int status, List<Integer> valid) throws ScriptFailedException {
    if (!valid.contains(status)) {
      String allowed =
          valid.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
      throw new ScriptFailedException(
          "Script exited with non-zero exit status: "
              + status
              + ".Allowed exit codes are: "
              + allowed);
    }
  }
}
