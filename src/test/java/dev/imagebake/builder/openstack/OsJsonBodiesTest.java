package dev.imagebake.builder.openstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OsJsonBodiesTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void parsesTheTreeAMapperReads() {
    String text =
        "{\"a\":1,\"b\":[true,false,null,\"x\\u00e9\",2.5,12345678901,123456789012345678901234],"
            + "\"c\":{\"d\":{},\"e\":[]},\"a\":2}";
    assertThat(OsJsonBodies.parse(text)).isEqualTo(MAPPER.readTree(text));
    assertThat(OsJsonBodies.parse(" 7 ")).isEqualTo(MAPPER.readTree("7"));
    assertThat(OsJsonBodies.parse("\"s\"").stringValue()).isEqualTo("s");
  }

  @Test
  void rejectsWhatIsNotOneValue() {
    for (String bad : List.of("", "  ", "{", "[1,", "{\"a\":1}x", "{} {}", "{\"a\" 1}", "nul")) {
      assertThatThrownBy(() -> OsJsonBodies.parse(bad))
          .as(bad)
          .isInstanceOf(JacksonException.class);
    }
  }

  @Test
  void writesWhatAMapperWrites() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "n\"1\n");
    body.put("count", 3);
    body.put("big", 12345678901L);
    body.put("huge", new BigInteger("123456789012345678901234"));
    body.put("ratio", 0.5);
    body.put("on", true);
    body.put("none", null);
    body.put("list", List.of(1, "two", Map.of("three", false)));
    body.put("array", new Object[] {"x"});
    body.put("unit", java.util.concurrent.TimeUnit.SECONDS);
    body.put("tree", MAPPER.readTree("{\"k\":[1,2.5,null,\"v\",{}]}"));
    assertThat(OsJsonBodies.write(body)).isEqualTo(MAPPER.writeValueAsString(body));
    assertThat(OsJsonBodies.parse(OsJsonBodies.write(body))).isEqualTo(MAPPER.valueToTree(body));
  }

  @Test
  void refusesTypesItHasNoFormFor() {
    record Point(int x) {}
    assertThatThrownBy(() -> OsJsonBodies.write(Map.of("p", new Point(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Point");
  }

  @Test
  void aParsedTreeIsAnOrdinaryTree() {
    JsonNode n = OsJsonBodies.parse("{\"server\":{\"id\":\"abc\",\"addresses\":{}}}");
    assertThat(n.path("server").path("id").asString()).isEqualTo("abc");
    assertThat(n.path("server").path("missing").isMissingNode()).isTrue();
  }
}
