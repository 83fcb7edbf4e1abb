package dev.imagebake.fix;

/** Go's {@code strconv.ParseBool}, with its error message. */
final class GoBool {
  private GoBool() {}

  /**
   * @param prefix what Packer puts before Go's error
   */
  static boolean parseBool(String s, String prefix) throws FixException {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default ->
          throw new FixException(
              prefix
                  + "strconv.ParseBool: parsing "
                  + dev.imagebake.sdk.go.GoStrings.quote(s)
                  + ": invalid syntax");
    };
  }
}
