package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Template → output with {@link Contexts#standard()}; expectations observed with Packer 1.6.6. */
class RenderTest {

  static Stream<Arguments> packerFunctions() {
    return Stream.of(
        arguments("plain text", "plain text"),
        arguments("", ""),
        arguments("a } b }} c {", "a } b }} c {"),
        arguments("{{user `name`}}", "web"),
        arguments("{{ user \"region\" }}", "eu-west-1"),
        arguments("[{{user `empty`}}]", "[]"),
        arguments("{{timestamp}}", "1795669690"),
        arguments("{{isotime}}", "2026-11-26T05:08:10Z"),
        arguments("{{isotime \"2006-01-02\"}}", "2026-11-26"),
        arguments("{{isotime \"20060102150405\"}}", "20261126050810"),
        arguments("{{isotime \"Mon Jan 2 15:04:05 MST 2006\"}}", "Thu Nov 26 05:08:10 UTC 2026"),
        arguments("{{isotime \"2006-01-02T15:04:05Z07:00\"}}", "2026-11-26T05:08:10Z"),
        arguments("{{isotime `060102`}}", "261126"),
        arguments("{{strftime \"%Y-%m-%d\"}}", "2026-11-26"),
        arguments("{{strftime `%H:%M:%S %a %b`}}", "05:08:10 Thu Nov"),
        arguments("{{uuid}}", "6b07beba-6f63-79af-d2b5-e0add904de59"),
        arguments("{{pwd}}", "/work"),
        arguments("{{template_dir}}/scripts", "/tpl/scripts"),
        arguments("{{build_name}}", "my-build-1"),
        arguments("{{build_type}}", "amazon-ebs"),
        arguments("{{packer_version}}", "1.6.6"),
        arguments("{{split \"a-b-c\" \"-\" 1}}", "b"),
        arguments("{{split \"a-b-c\" \"-\" 0}}", "a"),
        arguments("{{split \"a--\" \"-\" 2}}", ""),
        arguments("{{split \"abc\" \"\" 2}}", "c"),
        arguments("{{replace \"a\" \"b\" 1 \"aaa\"}}", "baa"),
        arguments("{{replace \"a\" \"b\" -1 \"aaa\"}}", "bbb"),
        arguments("{{replace \"a\" \"b\" 0 \"aaa\"}}", "aaa"),
        arguments("{{replace \"\" \"-\" 2 \"ab\"}}", "-a-b"),
        arguments("{{replace_all \"a\" \"b\" \"aaa\"}}", "bbb"),
        arguments("{{lower \"ABC\"}}", "abc"),
        arguments("{{upper \"abc\"}}", "ABC"));
  }

  static Stream<Arguments> pipelines() {
    return Stream.of(
        arguments("{{ build_name | replace \"-\" \"/\" 1 }}", "my/build-1"),
        arguments("{{ timestamp | printf \"%s-x\" }}", "1795669690-x"),
        arguments("{{ `a` | printf \"%s-%s\" \"b\" }}", "b-a"),
        arguments("{{ \"a\" | upper | lower }}", "a"),
        arguments("{{ upper \"a\" | printf \"%s%s\" \"x\" }}", "xA"),
        arguments("{{ (upper \"a\") }}", "A"),
        arguments("{{ upper (\"a\") }}", "A"),
        arguments("{{ upper (user `name`) }}", "WEB"),
        arguments("{{ user `name` | upper }}", "WEB"),
        arguments("{{ printf \"%s-%s\" (user `name`) (isotime `2006`) }}", "web-2026"),
        arguments("{{ split (build_name) `-` 2 }}", "1"),
        arguments("{{ upper build_name }}", "MY-BUILD-1"));
  }

  static Stream<Arguments> goBuiltins() {
    return Stream.of(
        arguments("{{ 1 }}", "1"),
        arguments("{{ -3 }}", "-3"),
        arguments("{{ +5 }}", "5"),
        arguments("{{ 0x1F }}", "31"),
        arguments("{{ 017 }}", "15"),
        arguments("{{ 0o17 }}", "15"),
        arguments("{{ 0b101 }}", "5"),
        arguments("{{ 1_000 }}", "1000"),
        arguments("{{ 1.5 }}", "1.5"),
        arguments("{{ 1e3 }}", "1000"),
        arguments("{{ .5 }}", "0.5"),
        arguments("{{ 'a' }}", "97"),
        arguments("{{ '\\'' }}", "39"),
        arguments("{{ true }}", "true"),
        arguments("{{ printf \"%v %d %q %s\" 1 2 \"a\" \"b\" }}", "1 2 \"a\" b"),
        arguments("{{ printf \"%d\" \"x\" }}", "%!d(string=x)"),
        arguments("{{ printf \"%s\" }}", "%!s(MISSING)"),
        arguments("{{ printf \"%s\" 1 2 }}", "%!s(int=1)%!(EXTRA int=2)"),
        arguments("{{ printf \"%s\" nil }}", "%!s(<nil>)"),
        arguments("{{ printf \"%d\" 1.5 }}", "%!d(float64=1.5)"),
        arguments("{{ printf \"%d %!\" 1 }}", "1 %!!(MISSING)"),
        arguments("{{ printf \"%T %T %T\" 1 \"a\" 1.5 }}", "int string float64"),
        arguments(
            "{{ printf \"%5s|%-5s|%05d|%x|%X|%o|%b|%c|%t|%f|%.2f|%e|%g|%+d|%U|%8.3f\" \"ab\" \"cd\""
                + " 42 255 255 8 5 65 true 1.5 3.14159 1000.0 0.5 3 65 2.5 }}",
            "   ab|cd   |00042|ff|FF|10|101|A|true|1.500000|3.14|1.000000e+03|0.5|+3|U+0041|   2.500"),
        arguments(
            "{{ printf \"%v|%v|%q|%x|%s\" true 1.0 `a\"b` \"hi\" true }}",
            "true|1|\"a\\\"b\"|6869|%!s(bool=true)"),
        arguments(
            "{{ printf \"%6.2f|%-8v|%08.3f\" 3.14159 \"ab\" -3.5 }}", "  3.14|ab      |-003.500"),
        arguments("{{ printf \"%q\" \"\\x00\\x7f\\t\" }}", "\"\\x00\\x7f\\t\""),
        arguments("{{ printf \"%q\" \"é\" }}", "\"é\""),
        arguments("{{ printf \"100%%\" }}", "100%"),
        arguments("{{ print 1 2 \"a\" \"b\" 3 }}", "1 2ab3"),
        arguments("{{ print nil }}", "<nil>"),
        arguments(
            "{{ print 1.0 1e6 123456.0 1234567.0 0.0001 0.00001 }}",
            "1 1e+06 123456 1.234567e+06 0.0001 1e-05"),
        arguments("{{ println \"a\" 1 }}", "a 1\n"),
        arguments("{{ len \"abc\" }}", "3"),
        arguments("{{ len \"é\" }}", "2"),
        arguments("{{ index \"abc\" 1 }}", "98"),
        arguments("{{ index \"é\" 0 }}", "195"),
        arguments("{{ and 1 0 }}", "0"),
        arguments("{{ and 1 }}", "1"),
        arguments("{{ and 1 \"x\" }}", "x"),
        arguments("{{ or \"\" \"x\" }}", "x"),
        arguments("{{ or \"\" 0 }}", "0"),
        arguments("{{ not \"\" }}", "true"),
        arguments("{{ not 1 }}", "false"),
        arguments("{{ eq \"a\" \"a\" }}", "true"),
        arguments("{{ eq \"a\" \"b\" \"a\" }}", "true"),
        arguments("{{ eq 1 2 }}", "false"),
        arguments("{{ ne 1 2 }}", "true"),
        arguments("{{ lt 1 2 }}", "true"),
        arguments("{{ le 2 2 }}", "true"),
        arguments("{{ gt \"b\" \"a\" }}", "true"),
        arguments("{{ ge 1.5 2.5 }}", "false"),
        arguments("{{ eq (user `flag`) `true` }}", "true"),
        arguments(
            "{{ html \"<a href='x'>&\\\"</a>\" }}",
            "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;"),
        arguments("{{ html 1 \"a\" 2 }}", "1a2"),
        arguments(
            "{{ js \"a'b\\\"c\\\\d<e>f&g=h\\ti\\u00e9\\u2028\" }}",
            "a\\'b\\\"c\\\\d\\u003Ce\\u003Ef\\u0026g\\u003Dh\\u0009ié\\u2028"),
        arguments("{{ urlquery \"a b&c=d/é~_.-\" }}", "a+b%26c%3Dd%2F%C3%A9~_.-"),
        arguments("{{ \"x y\" | urlquery }}", "x+y"));
  }

  static Stream<Arguments> stringsAndTrim() {
    return Stream.of(
        arguments("{{ \"\\x41\\u00e9\\n\" }}", "Aé\n"),
        arguments(
            "{{ \"\\a\\b\\f\\v\\101\\x41\\u0041\\U00000041\\\"\\\\\" | printf \"%q\" }}",
            "\"\\a\\b\\f\\vAAAA\\\"\\\\\""),
        arguments("{{ `raw \\n \"quoted\"` }}", "raw \\n \"quoted\""),
        arguments("{{ `multi\nline` }}", "multi\nline"),
        arguments("{{ `cr\r\nlf` }}", "cr\nlf"),
        arguments("{{ \"}}\" }}", "}}"),
        arguments("{{ `{{` }}", "{{"),
        arguments("a  {{- \"x\" -}}  b", "axb"),
        arguments("a \n\t{{- \"x\" }} b", "ax b"),
        arguments("{{ 1 -}} x", "1x"),
        arguments("{{- \"x\" -}}", "x"),
        arguments("{{-3}}", "-3"),
        arguments("{{/* comment */}}k", "k"),
        arguments("a {{- /* c */ -}} b", "ab"),
        arguments("{{\n user\n `name`\n}}", "web"));
  }

  static Stream<Arguments> controlAndFields() {
    return Stream.of(
        arguments("{{ .HTTPIP }}:{{ .HTTPPort }}", "10.0.2.2:8080"),
        arguments("{{.Missing}}", "<no value>"),
        arguments("{{.Missing.Deeper}}", "<no value>"),
        arguments("{{ if .Sudo }}sudo {{ end }}run", "sudo run"),
        arguments("{{ if .Missing }}sudo {{ end }}run", "run"),
        arguments("{{ if eq 1 1 }}y{{ else }}n{{ end }}", "y"),
        arguments("{{ if \"\" }}a{{ else if 1 }}b{{ end }}", "b"),
        arguments("{{ if \"\" }}a{{ else if 0 }}b{{ else }}c{{ end }}", "c"),
        arguments("{{if eq (user `flag`) `true` }}on{{else}}off{{end}}", "on"),
        arguments("{{if or (eq (user `name`) `x`) (eq (user `flag`) `true`) }}yes{{end}}", "yes"),
        arguments("{{if ne (user `empty`) `` }}set{{else}}unset{{end}}", "unset"),
        arguments("{{ with \"\" }}x{{ else }}e{{ end }}", "e"),
        arguments("{{ with \"v\" }}{{ . }}{{ end }}", "v"),
        arguments("{{ with user `name` }}{{ . | upper }}{{ end }}", "WEB"),
        arguments("{{ if 1 }}{{ if 0 }}a{{ else }}b{{ end }}{{ end }}", "b"),
        arguments("{{ $x := \"a\" }}[{{ $x }}]", "[a]"),
        arguments("{{ $x := 1 }}{{ $x = 2 }}{{ $x }}", "2"),
        arguments("{{ $.HTTPIP }}", "10.0.2.2"),
        arguments("{{ with .HTTPIP }}{{ $.HTTPPort }}{{ end }}", "8080"),
        arguments("{{ with $x := user `name` }}{{ $x }}{{ . }}{{ end }}", "webweb"),
        arguments("{{ if $n := user `name` }}{{ $n | upper }}{{ end }}", "WEB"),
        arguments("{{ $x := `a` }}{{ if 1 }}{{ $x := `b` }}{{ $x }}{{ end }}{{ $x }}", "ba"),
        arguments("{{ $x := `a` }}{{ if 1 }}{{ $x = `b` }}{{ end }}{{ $x }}", "b"));
  }

  @ParameterizedTest
  @MethodSource({
    "packerFunctions",
    "pipelines",
    "goBuiltins",
    "stringsAndTrim",
    "controlAndFields"
  })
  void renders(String template, String expected) throws TemplateException {
    assertThat(Contexts.render(template, Contexts.standard())).isEqualTo(expected);
  }
}
