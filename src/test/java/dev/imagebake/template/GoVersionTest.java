package dev.imagebake.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoVersionTest {
  @ParameterizedTest
  @CsvSource({
    "1.6.6, 1.6.6, 0",
    "1.6, 1.6.0, 0",
    "v1.6.6, 1.6.6, 0",
    "1.6.6+meta, 1.6.6, 0",
    "1.6.6, 1.7.0, -1",
    "1.10.0, 1.9.9, 1",
    "1.6.6-beta1, 1.6.6, -1",
    "1.6.6-beta2, 1.6.6-beta10, 1",
    "1.6.6-alpha, 1.6.6-alpha.1, -1",
    "1.6.6-alpha, 1.6.6-alpha.beta, 1",
    "1.6.6-alpha, 1.6.6-beta, -1",
    "1.6.6-1, 1.6.6-alpha, -1",
    "2, 1.99.99, 1",
    "1.2.3.4, 1.2.3, 1"
  })
  void comparesLikeGoVersion(String a, String b, int sign) {
    assertThat(Integer.signum(GoVersion.parse(a).compareTo(GoVersion.parse(b)))).isEqualTo(sign);
  }

  @Test
  void printsNormalised() {
    assertThat(GoVersion.parse("v1.6").toString()).isEqualTo("1.6.0");
    assertThat(GoVersion.parse("9.0.0-rc1+x").toString()).isEqualTo("9.0.0-rc1");
  }

  @Test
  void malformedUsesGoVersionWording() {
    assertThatThrownBy(() -> GoVersion.parse("abc")).hasMessage("Malformed version: abc");
    assertThatThrownBy(() -> GoVersion.parse("1..2")).hasMessage("Malformed version: 1..2");
    assertThatThrownBy(() -> GoVersion.parse("")).hasMessage("Malformed version: ");
  }
}
