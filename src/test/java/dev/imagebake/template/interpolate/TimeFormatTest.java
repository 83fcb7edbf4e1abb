package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go layouts (isotime) and strftime directives; expectations observed with Packer 1.6.6. */
class TimeFormatTest {

  static Stream<Arguments> goLayouts() {
    Instant base = Contexts.INSTANT;
    Instant whole = Instant.parse("2026-11-26T05:08:10Z");
    Instant evening = Instant.parse("2026-01-05T17:04:09.5Z");
    Instant midnight = Instant.parse("2026-01-05T00:30:00Z");
    return Stream.of(
        arguments(GoTimeLayout.RFC3339, base, "2026-11-26T05:08:10Z"),
        arguments("2006-01-02", base, "2026-11-26"),
        arguments("20060102150405", base, "20261126050810"),
        arguments("Mon Jan 2 15:04:05 MST 2006", base, "Thu Nov 26 05:08:10 UTC 2026"),
        arguments("Mon Jan _2 15:04:05 UTC 2006", evening, "Mon Jan  5 17:04:09 UTC 2026"),
        arguments(
            ".000 .999 Z0700 -0700 Z07:00 MST PM pm _2 Monday Mon January Jan 3 03 4 5",
            base,
            ".123 .123 Z +0000 Z UTC AM am 26 Thursday Thu November Nov 5 05 8 10"),
        arguments(
            "Jan2006 Janx Monx 002 __2 _2006 ,000 .0009 .99",
            base,
            "Nov2026 Janx Monx 330 330 _2026 ,123 .0009 .12"),
        arguments(
            "06 01 1 02 2 15 03 04 05 Z07 -07 -07:00 Z070000 -07:00:00",
            base,
            "26 11 11 26 26 05 05 08 10 Z +00 +00:00 Z +00:00:00"),
        arguments(".000000000|.999999999", base, ".123456789|.123456789"),
        arguments("05.000|05.999", whole, "10.000|10"),
        arguments("3:04 PM|03 pm", evening, "5:04 PM|05 pm"),
        arguments("3 PM", midnight, "12 AM"),
        arguments("2006-01-02-15-04-05", evening, "2026-01-05-17-04-09"),
        arguments("literal text: abc", base, "literal text: abc"));
  }

  @ParameterizedTest
  @MethodSource("goLayouts")
  void formatsGoLayouts(String layout, Instant instant, String expected) {
    assertThat(GoTimeLayout.format(layout, instant)).isEqualTo(expected);
  }

  static Stream<Arguments> strftime() {
    return Stream.of(
        arguments("%Y-%m-%d", "2026-11-26"),
        arguments(
            "%a %A %b %B %c %C %d %D %e %F %H %I %j %k %l %L %m %M %n %p %r %R %S %t %T %y %Y %Z"
                + " %z %%",
            "Thu Thursday Nov November %c %C 26 %D %e %F 05 05 %j %k %l .123 11 08 %n AM %r %R 10"
                + " %t %T 26 2026 UTC +0000 %"),
        arguments("day 2 Jan %Y", "day 2 Jan 2026"),
        arguments("%%Y", "%Y"),
        arguments("%", "%"),
        arguments("a%", "a%"),
        arguments("%Q%", "%Q%"),
        arguments("%%%Y", "%2026"));
  }

  @ParameterizedTest
  @MethodSource("strftime")
  void formatsStrftime(String format, String expected) {
    assertThat(Strftime.format(format, Contexts.INSTANT)).isEqualTo(expected);
  }
}
