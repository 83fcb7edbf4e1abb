package dev.imagebake.sdk.go;

/**
 * Go's {@code fmt.Sprintf} for the string verbs users put in {@code env_var_format} ({@code %s},
 * {@code %v}, {@code %q}, {@code %%}), with Go's markers for missing, extra and unknown verbs, so a
 * format that works in Packer gives the same text here.
 */
public final class GoFormat {
  private GoFormat() {}

  public static String sprintf(String format, String... args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(++i);
      if (verb == '%') {
        out.append('%');
        continue;
      }
      if (next >= args.length) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      String arg = args[next++];
      switch (verb) {
        case 's', 'v' -> out.append(arg);
        case 'q' -> out.append(quote(arg));
        default -> out.append("%!").append(verb).append("(string=").append(arg).append(')');
      }
    }
    if (next < args.length) {
      out.append("%!(EXTRA ");
      for (int j = next; j < args.length; j++) {
        out.append(j > next ? ", " : "").append("string=").append(args[j]);
      }
      out.append(')');
    }
    return out.toString();
  }

  /** Go's {@code strconv.Quote}: a double-quoted string with Go escapes. */
  static String quote(String s) {
    return GoStrings.quote(s);
  }
}
