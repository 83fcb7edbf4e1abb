package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** render() failures: Packer's wording, offset of the failing call or argument. */
class RenderErrorTest {

  private static final UnaryOperator<RenderContext.Builder> STANDARD = b -> b;

  static Stream<Arguments> errors() {
    UnaryOperator<RenderContext.Builder> console =
        b -> b.buildName(null).buildType(null).version(null).templateDir(null);
    UnaryOperator<RenderContext.Builder> variables = b -> b.envAllowed(true).fields(null);
    return Stream.of(
        arguments("{{user `nope`}}", STANDARD, "error calling user: variable not set: nope", 2),
        arguments(
            "x {{ user `nope` }}", variables, "error calling user: variable not set: nope", 5),
        arguments(
            "{{env `HOME`}}", STANDARD, "error calling env: env vars are not allowed here", 2),
        arguments(
            "{{ consul_key `a` }}",
            STANDARD,
            "error calling consul_key: consul_key is not allowed here",
            3),
        arguments(
            "{{ vault `a` `b` }}",
            STANDARD,
            "error calling vault: Vault vars are only allowed in the variables section",
            3),
        arguments(
            "{{ aws_secretsmanager `a` }}",
            STANDARD,
            "error calling aws_secretsmanager: AWS Secrets Manager is only allowed in the"
                + " variables section",
            3),
        arguments(
            "{{ consul_key `a` }}",
            variables,
            "error calling consul_key: consul_key is not supported by imagebake; pass the value"
                + " with -var or -var-file",
            3),
        arguments(
            "{{ vault `secret/x` `k` }}",
            variables,
            "error calling vault: vault is not supported by imagebake; pass the value with -var"
                + " or -var-file",
            3),
        arguments(
            "{{ aws_secretsmanager `a` `b` }}",
            variables,
            "error calling aws_secretsmanager: aws_secretsmanager is not supported by imagebake;"
                + " pass the value with -var or -var-file",
            3),
        arguments(
            "{{ build_name }}", console, "error calling build_name: build_name not available", 3),
        arguments(
            "{{ build_type }}", console, "error calling build_type: build_type not available", 3),
        arguments(
            "{{ packer_version }}",
            console,
            "error calling packer_version: packer_version not available",
            3),
        arguments(
            "{{ template_dir }}",
            console,
            "error calling template_dir: template path not available",
            3),
        arguments(
            "{{ build `ID` }}",
            STANDARD,
            "error calling build: Error validating build variable: the given variable ID will not"
                + " be passed into your plugin.",
            3),
        arguments(
            "{{ build `Nope` }}",
            (UnaryOperator<RenderContext.Builder>) b -> b.buildPlaceholders(true),
            "error calling build: loaded data, but couldnt find Nope in it.",
            3),
        arguments(
            "{{ build `SourceAMIName` }}",
            (UnaryOperator<RenderContext.Builder>) b -> b.buildData(Map.of("ID", "i-1")),
            "error calling build: loaded data, but couldnt find SourceAMIName in it.",
            3),
        arguments(
            "{{ clean_resource_name `a` }}",
            STANDARD,
            "function \"clean_resource_name\" not defined",
            3),
        arguments(
            "{{ sed `s/a/b/` `a` }}",
            STANDARD,
            "error calling sed: template function `sed` is deprecated use `replace` or"
                + " `replace_all` instead.Documentation: https://www.packer.io/docs/templates/engine",
            3),
        arguments(
            "{{ split \"a-b-c\" \"-\" 5 }}",
            STANDARD,
            "error calling split: the substring 5 was unavailable using the separator value, -,"
                + " only 3 values were found",
            3),
        arguments(
            "{{ isotime \"a\" \"b\" }}",
            STANDARD,
            "error calling isotime: too many values, 1 needed: [a b]",
            3),
        arguments(
            "{{ eq 1 \"a\" }}", STANDARD, "error calling eq: incompatible types for comparison", 3),
        arguments("{{ eq 1 }}", STANDARD, "error calling eq: missing argument for comparison", 3),
        arguments(
            "{{ lt true false }}", STANDARD, "error calling lt: invalid type for comparison", 3),
        arguments(
            "{{ index \"abc\" 5 }}", STANDARD, "error calling index: index out of range: 5", 3),
        arguments("{{ len 3 }}", STANDARD, "error calling len: len of type int", 3),
        arguments("{{ upper .Missing }}", STANDARD, "invalid value; expected string", 9),
        arguments("{{ .Missing | upper }}", STANDARD, "invalid value; expected string", 14),
        arguments(
            "{{ upper .HTTPPort }}", STANDARD, "wrong type for value; expected string; got int", 9),
        arguments(
            "{{ split `a-b` `-` (user `name`) }}",
            STANDARD,
            "wrong type for value; expected int; got string",
            19),
        arguments("{{ range \"abc\" }}x{{ end }}", STANDARD, "range can't iterate over abc", 9),
        arguments("{{ (1).X }}", STANDARD, "can't evaluate field X in type int", 6),
        arguments(
            "{{ .HTTPIP.Deeper }}", STANDARD, "can't evaluate field Deeper in type string", 3));
  }

  @ParameterizedTest
  @MethodSource("errors")
  void reportsMessageAndOffset(
      String template, UnaryOperator<RenderContext.Builder> context, String message, int offset)
      throws TemplateException {
    TemplateString parsed = TemplateString.parse(template);
    RenderContext renderContext = context.apply(Contexts.builder()).build();
    TemplateException e =
        catchThrowableOfType(TemplateException.class, () -> parsed.render(renderContext));
    assertThat(e).as(template).isNotNull();
    assertThat(List.of(e.getMessage(), e.offset())).isEqualTo(List.of(message, offset));
  }
}
