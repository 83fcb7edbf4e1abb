package dev.imagebake.template.interpolate;

import java.time.Instant;
import java.util.Map;

/**
 * C-style {@code strftime} with the directives jehiah/go-strftime (Packer's {@code strftime})
 * supports, in UTC: {@code %a %A %b %B %d %H %I %L %m %M %p %S %y %Y %Z %z %%}. Any other directive
 * is copied literally, as Packer does.
 */
final class Strftime {
  private static final Map<Character, String> GO_LAYOUTS =
      Map.ofEntries(
          Map.entry('a', "Mon"),
          Map.entry('A', "Monday"),
          Map.entry('b', "Jan"),
          Map.entry('B', "January"),
          Map.entry('d', "02"),
          Map.entry('H', "15"),
          Map.entry('I', "03"),
          Map.entry('L', ".000"),
          Map.entry('m', "01"),
          Map.entry('M', "04"),
          Map.entry('p', "PM"),
          Map.entry('S', "05"),
          Map.entry('y', "06"),
          Map.entry('Y', "2006"),
          Map.entry('Z', "MST"),
          Map.entry('z', "-0700"));

  private Strftime() {}

  static String format(String format, Instant instant) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 >= format.length()) {
        out.append(c);
        i++;
        continue;
      }
      char directive = format.charAt(i + 1);
      String layout = GO_LAYOUTS.get(directive);
      if (directive == '%') {
        out.append('%');
      } else if (layout != null) {
        out.append(GoTimeLayout.format(layout, instant));
      } else {
        out.append('%').append(directive);
      }
      i += 2;
    }
    return out.toString();
  }
}
