package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.Secret;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema and the binder must accept and refuse the same raw values; what the binder makes of an
 * accepted value is Packer's weak decoding.
 */
class WeakTypingAgreementTest {
  record Inner(String name, Integer size) {}

  record Sample(
      String text,
      @OneOf({"scp", "sftp"}) String mode,
      Integer count,
      int small,
      Long big,
      Boolean flag,
      Duration delay,
      List<String> names,
      Map<String, String> tags,
      Inner inner,
      List<Inner> items,
      Map<String, Object> free,
      JsonNode any,
      @Secret String password) {}

  private static final Object ERROR =
      new Object() {
        @Override
        public String toString() {
          return "ERROR";
        }
      };

  /** Unknown keys are the schema's business alone: the binder only reads known keys. */
  private static final Object UNKNOWN_KEY =
      new Object() {
        @Override
        public String toString() {
          return "UNKNOWN_KEY";
        }
      };

  private static final RecordModel MODEL = RecordModel.of(Sample.class);
  private static final SchemaCheck SCHEMA =
      new SchemaCheck(
          MODEL,
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(SchemaGenerator.generate(MODEL)));
  private static final ValueRenderer RENDERER =
      TestRenderers.variables(Map.of("n", "7", "m", "sftp", "t", "true"));

  static Stream<Arguments> table() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "b");
    ab.put("n", "1");
    return Stream.of(
        row("count", "22", 22),
        row("count", "\"22\"", 22),
        row("count", "\"+22\"", 22),
        row("count", "22.0", 22),
        row("count", "\"\"", null),
        row("count", "null", null),
        row("count", "\"{{user `n`}}\"", 7),
        row("count", "\"abc\"", ERROR),
        row("count", "\"1.5\"", ERROR),
        row("count", "22.5", ERROR),
        row("count", "{}", ERROR),
        row("count", "[1]", ERROR),
        row("count", "true", ERROR),
        row("count", "3000000000", ERROR),
        row("big", "3000000000", 3_000_000_000L),
        row("small", "\"3\"", 3),
        row("flag", "\"true\"", true),
        row("flag", "\"1\"", true),
        row("flag", "\"F\"", false),
        row("flag", "\"False\"", false),
        row("flag", "true", true),
        row("flag", "1", true),
        row("flag", "0", false),
        row("flag", "\"\"", null),
        row("flag", "\"{{user `t`}}\"", true),
        row("flag", "\"yes\"", ERROR),
        row("flag", "\"on\"", ERROR),
        row("flag", "[true]", ERROR),
        row("flag", "0.5", ERROR),
        row("delay", "\"1h30m\"", Duration.ofMinutes(90)),
        row("delay", "\"300ms\"", Duration.ofMillis(300)),
        row("delay", "\"1.5h\"", Duration.ofMinutes(90)),
        row("delay", "\"-1s\"", Duration.ofSeconds(-1)),
        row("delay", "\"0\"", Duration.ZERO),
        row("delay", "30", Duration.ofNanos(30)),
        row("delay", "\"30\"", ERROR),
        row("delay", "\"\"", ERROR),
        row("delay", "\"5x\"", ERROR),
        row("delay", "\"1h30\"", ERROR),
        row("delay", "{}", ERROR),
        row("delay", "true", ERROR),
        row("names", "\"a,b\"", List.of("a", "b")),
        row("names", "\"a\"", List.of("a")),
        row("names", "\"\"", List.of()),
        row("names", "[\"a\", 1, true, null]", List.of("a", "1", "1", "")),
        row("names", "[{}]", ERROR),
        row("names", "[[\"a\"]]", ERROR),
        row("names", "5", ERROR),
        row("names", "{}", ERROR),
        row("text", "\"x\"", "x"),
        row("text", "5", "5"),
        row("text", "1.5", "1.5"),
        row("text", "true", "1"),
        row("text", "[1]", ERROR),
        row("text", "{}", ERROR),
        row("mode", "\"scp\"", "scp"),
        row("mode", "\"\"", ""),
        row("mode", "\"{{user `m`}}\"", "sftp"),
        row("mode", "\"ftp\"", ERROR),
        row("mode", "1", ERROR),
        row("tags", "{\"a\": \"b\", \"n\": 1}", ab),
        row("tags", "\"a=b\"", ERROR),
        row("tags", "{\"a\": {}}", ERROR),
        row("inner", "{\"name\": \"x\", \"size\": \"3\"}", new Inner("x", 3)),
        row("inner", "{\"bogus\": 1}", UNKNOWN_KEY),
        row("inner", "{\"size\": \"big\"}", ERROR),
        row("inner", "\"x\"", ERROR),
        row("items", "[{\"name\": \"x\"}]", List.of(new Inner("x", null))),
        row("items", "[1]", ERROR),
        row("free", "{\"a\": [1, \"b\"]}", Map.of("a", List.of(1L, "b"))),
        row("free", "[]", ERROR),
        row("password", "[1]", ERROR));
  }

  private static Arguments row(String key, String json, Object expected) {
    return Arguments.of(key, json, expected);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @MethodSource("table")
  void schemaAndBinderAgree(String key, String json, Object expected) throws Exception {
    ObjectNode block = Blocks.at("{\"" + key + "\": " + json + "}", "");

    List<Problem> schemaProblems = SCHEMA.validate(block);
    ValueBinder binder = new ValueBinder(RENDERER);
    Record bound = binder.bindBlock(MODEL, block, Set.of());

    boolean shouldFail = expected == ERROR || expected == UNKNOWN_KEY;
    assertThat(schemaProblems).as("schema problems").hasSize(shouldFail ? 1 : 0);
    assertThat(binder.problems()).as("binder problems").hasSize(expected == ERROR ? 1 : 0);
    if (!shouldFail) {
      assertThat(component(bound, key)).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("table")
  void schemaAndBinderSayTheSameAboutRawValues(String key, String json, Object expected) {
    ObjectNode block = Blocks.at("{\"" + key + "\": " + json + "}", "");
    ValueBinder binder = new ValueBinder(RENDERER);
    binder.bindBlock(MODEL, block, Set.of());
    List<Problem> schemaProblems = SCHEMA.validate(block);
    // Unknown keys inside nested objects are the schema's alone; for values both must word it
    // alike.
    if (expected == ERROR) {
      assertThat(schemaProblems.get(0).pointer()).isEqualTo(binder.problems().get(0).pointer());
      assertThat(schemaProblems.get(0).message()).isEqualTo(binder.problems().get(0).message());
    }
  }

  private static Object component(Record record, String key) throws Exception {
    RecordComponent c =
        Arrays.stream(record.getClass().getRecordComponents())
            .filter(rc -> SnakeCase.of(rc.getName()).equals(key))
            .findFirst()
            .orElseThrow();
    return c.getAccessor().invoke(record);
  }
}
