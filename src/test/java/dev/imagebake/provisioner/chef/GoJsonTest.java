package dev.imagebake.provisioner.chef;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {
  @Test
  void writesAsGoMarshalIndentDoes() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("zeta", List.of());
    value.put("alpha", Map.of());
    value.put("html", "<a href=\"x\">&</a>\ttab");
    value.put("numbers", Arrays.asList(1L, new BigDecimal("1.5"), new BigDecimal("2.0"), null));
    value.put("flag", true);
    assertThat(GoJson.write(value))
        .isEqualTo(
            """
            {
              "alpha": {},
              "flag": true,
              "html": "\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\ttab",
              "numbers": [
                1,
                1.5,
                2,
                null
              ],
              "zeta": []
            }""");
  }
}
