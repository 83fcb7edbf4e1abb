package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** parse() rejects what Packer rejects, with Go's wording and the offset where it was found. */
class ParseErrorTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        // syntax
        arguments("{{user `x`", "unclosed action", 0),
        arguments("ab {{ upper \"a\" ", "unclosed action", 3),
        arguments("{{ \"abc }}", "unterminated quoted string", 3),
        arguments("{{ \"a\nb\" }}", "unterminated quoted string", 3),
        arguments("{{ `abc }}", "unterminated raw quoted string", 3),
        arguments("{{ 'a }}", "unterminated character constant", 3),
        arguments("{{ \"\\q\" }}", "invalid syntax", 3),
        arguments("{{ \"\\'\" }}", "invalid syntax", 3),
        arguments("{{ \"\\x4\" }}", "invalid syntax", 3),
        arguments("x {{ ) }}", "unexpected \")\" in command", 5),
        arguments("{{ }}", "missing value for command", 3),
        arguments("{{ -}}", "missing value for command", 2),
        arguments("{{ upper | }}", "wrong number of args for upper: want 1 got 0", 3),
        arguments("{{ \"a\" | }}", "missing command after |", 7),
        arguments("{{ ! }}", "unexpected \"!\" in command", 3),
        arguments("{{ 1-}}", "bad number syntax: \"1-\"", 3),
        arguments("{{ 1x }}", "bad number syntax: \"1x\"", 3),
        arguments("{{ 99999999999999999999 }}", "integer overflow: \"99999999999999999999\"", 3),
        arguments("{{ 1e400 }}", "float overflow: \"1e400\"", 3),
        arguments(
            "{{ "
                + "(".repeat(Parser.MAX_DEPTH + 1)
                + "1"
                + ")".repeat(Parser.MAX_DEPTH + 1)
                + " }}",
            "max expression depth exceeded",
            3 + Parser.MAX_DEPTH),
        arguments(
            "{{if 1}}".repeat(Parser.MAX_DEPTH + 1),
            "max expression depth exceeded",
            8 * Parser.MAX_DEPTH + 2),
        arguments("{{ 1i }}", "complex numbers are not supported: \"1i\"", 3),
        arguments("{{x-}}", "bad character U+002D '-'", 3),
        arguments("{{ upper\"a\" }}", "bad character U+0022 '\"'", 8),
        arguments("{{ (upper \"a\" }}", "unclosed left paren", 3),
        arguments("{{ \"a\" \"b\" }}", "can't give argument to non-function \"a\"", 3),
        arguments("{{ 1 2 }}", "can't give argument to non-function 1", 3),
        arguments("{{ \"a\" | \"b\" }}", "can't give argument to non-function \"b\"", 9),
        arguments("{{ nil }}", "nil is not a command", 3),
        arguments("{{ $x }}", "undefined variable \"$x\"", 3),
        arguments("{{ $x = 1 }}", "undefined variable \"$x\"", 3),
        arguments("{{ $x := }}", "missing value for command", 9),
        arguments("{{ $x, $y := 1 }}", "too many declarations in command", 3),
        arguments("{{ $x.A := 1 }}", "unexpected \"$x.A\" in declaration", 3),
        arguments("{{ if 1 }}{{ $y := 1 }}{{ end }}{{ $y }}", "undefined variable \"$y\"", 35),
        arguments("{{ $x := 1 }}{{ $x 2 }}", "can't give argument to non-function $x", 16),
        arguments("{{ $x : 1 }}", "expected :=", 6),
        arguments("{{ template \"x\" }}", "{{template}} is not supported by imagebake", 3),
        arguments("{{/* open", "unclosed comment", 0),
        arguments("{{/* c */ x}}", "comment ends before closing delimiter", 0),
        // blocks
        arguments("{{ if 1 }}x", "unexpected EOF: {{if}} has no {{end}}", 0),
        arguments("a{{ range .X }}x{{ else }}", "unexpected EOF: {{range}} has no {{end}}", 1),
        arguments("{{ end }}", "unexpected {{end}}", 0),
        arguments("x{{ else }}", "unexpected {{else}}", 1),
        arguments("{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}", "expected end; found {{else}}", 22),
        arguments("{{ if }}x{{ end }}", "missing value for if", 6),
        arguments("{{ range }}x{{ end }}", "missing value for range", 9),
        arguments("{{ () }}", "missing value for parenthesized pipeline", 4),
        arguments("{{ \"a\"b }}", "unexpected \"b\" in operand", 6),
        arguments("{{ (upper \"a\")(lower \"b\") }}", "unexpected \"(\" in operand", 14),
        arguments("{{ . 1 }}", "can't give argument to non-function .", 3),
        // functions
        arguments("{{nofunc}}", "function \"nofunc\" not defined", 2),
        arguments("abc {{ upper (nofunc) }}", "function \"nofunc\" not defined", 14),
        arguments(
            "{{ clean_ami_name `a` }}",
            "function \"clean_ami_name\" not defined (it was renamed clean_resource_name)",
            3),
        arguments(
            "{{ clean_image_name `a` }}",
            "function \"clean_image_name\" not defined (it was renamed clean_resource_name)",
            3),
        arguments(
            "{{ aws_secretsmanager_raw `a` }}",
            "function \"aws_secretsmanager_raw\" not defined",
            3),
        arguments("{{ split \"a-b\" }}", "wrong number of args for split: want 3 got 1", 3),
        arguments("{{ split \"a-b\" \"-\" }}", "wrong number of args for split: want 3 got 2", 3),
        arguments("{{ timestamp 1 }}", "wrong number of args for timestamp: want 0 got 1", 3),
        arguments("{{ upper }}", "wrong number of args for upper: want 1 got 0", 3),
        arguments("{{ \"a\" | upper \"b\" }}", "wrong number of args for upper: want 1 got 2", 9),
        arguments("{{ printf }}", "wrong number of args for printf: want at least 1 got 0", 3),
        arguments("{{ and }}", "wrong number of args for and: want at least 1 got 0", 3),
        arguments("{{ not 1 2 }}", "wrong number of args for not: want 1 got 2", 3),
        arguments("{{ user }}", "wrong number of args for user: want 1 got 0", 3),
        arguments("{{ upper split }}", "wrong number of args for split: want 3 got 0", 9),
        // literal argument types
        arguments("{{ split \"a\" \"-\" \"x\" }}", "expected integer; found \"x\"", 17),
        arguments("{{ upper 1 }}", "expected string; found 1", 9),
        arguments("{{ replace \"a\" \"b\" \"x\" \"aaa\" }}", "expected integer; found \"x\"", 19),
        arguments("{{ split \"a\" \"-\" 1.5 }}", "expected integer; found 1.5", 17),
        arguments("{{ user true }}", "expected string; found true", 8),
        arguments("{{ upper nil }}", "cannot assign nil to string", 9));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void reportsMessageAndOffset(String template, String message, int offset) {
    TemplateException e =
        catchThrowableOfType(TemplateException.class, () -> TemplateString.parse(template));
    assertThat(e).as(template).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.offset()).isEqualTo(offset);
  }
}
