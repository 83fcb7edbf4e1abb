package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's fmt verbs on the values templates produce; expectations from Go (packer console). */
class GoPrintfTest {

  static Stream<Arguments> formats() {
    return Stream.of(
        arguments(
            "%5.1f|%-6d|%+.2e|%x|%#x|%#o|%08b",
            list(3.14159, 42L, 12345.678, -255L, 255L, 8L, 5L),
            "  3.1|42    |+1.23e+04|-ff|0xff|010|00000101"),
        arguments("%3c|%-4q|%q|%q", list(65L, "a", 65L, "x`y"), "  A|\"a\" |'A'|\"x`y\""),
        arguments("%v %v %v", list(1.0, 0.1, 100000000.0), "1 0.1 1e+08"),
        arguments(
            "%g %g %G %.3g %.3g %g",
            list(1e21, 1e-7, 1e-7, 3.14159, 1234.5, 123456789.0),
            "1e+21 1e-07 1E-07 3.14 1.23e+03 1.23456789e+08"),
        arguments("%5t|%-7v|%07.2f", list(true, false, -1.5), " true|false  |-001.50"),
        arguments("%x %X", list("héllo", "hi"), "68c3a96c6c6f 6869"),
        arguments("%.2s|%.0d|%.3d", list("héllo", 0L, 7L), "hé||007"),
        arguments("%d|%s|%z", list(true, 1.5, 1L), "%!d(bool=true)|%!s(float64=1.5)|%!z(int=1)"),
        arguments("% d|% d", list(5L, -5L), " 5|-5"),
        arguments("%+q|%#U|%6.2v", list("é", 65L, 3.14159), "\"\\u00e9\"|U+0041 'A'|   3.1"),
        arguments("%.1f %.0f %.0f", list(0.05, 0.5, 1.5), "0.1 0 2"),
        arguments("%e|%.2e|%o %b", list(0.0, 123456.0, -8L, -5L), "0.000000e+00|1.23e+05|-10 -101"),
        arguments("%c|%U", list(128512L, 128512L), "😀|U+1F600"),
        arguments("%c", list(-1L), "\uFFFD"),
        arguments("%d", list(Long.MIN_VALUE), "-9223372036854775808"),
        arguments("%d %d", list(1L), "1 %!d(MISSING)"),
        arguments("no verbs", list(1L, "a"), "no verbs%!(EXTRA int=1, string=a)"),
        arguments("%v|%s", list(List.of("a", 1L), List.of()), "[a 1]|[]"),
        arguments("%v", list(Double.NaN), "NaN"),
        arguments("%99999999999d", list(1L), "%!(BADWIDTH)1"),
        arguments("%", list(), "%!(NOVERB)"),
        arguments("%T %T", list(true, null), "bool <nil>"));
  }

  @ParameterizedTest
  @MethodSource("formats")
  void formatsLikeGo(String format, List<Object> args, String expected) {
    assertThat(GoPrintf.sprintf(format, args)).isEqualTo(expected);
  }

  private static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }
}
