package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReferencesTest {

  @Test
  void findsCalledFunctionsAndLiteralUserNamesEverywhere() throws TemplateException {
    TemplateString parsed =
        TemplateString.parse(
            "{{ user `b` }}{{ if eq (user \"a\") `x` }}{{ env `HOME` | upper }}{{ else }}"
                + "{{ range .X }}{{ build `ID` }}{{ end }}{{ end }}{{ with user `c` }}{{ . }}{{ end }}"
                + "{{ user (lower `NOT_LITERAL`) }}");

    assertThat(parsed.calledFunctions())
        .containsExactly("build", "env", "eq", "lower", "upper", "user");
    assertThat(parsed.referencedUserVariables()).containsExactly("a", "b", "c");
  }

  @Test
  void literalStringsReferToNothing() throws TemplateException {
    TemplateString parsed = TemplateString.parse("user `a`");
    assertThat(parsed.calledFunctions()).isEmpty();
    assertThat(parsed.referencedUserVariables()).isEmpty();
  }
}
