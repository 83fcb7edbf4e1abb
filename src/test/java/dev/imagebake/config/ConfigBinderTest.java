package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import dev.imagebake.sdk.config.OneOf;
import dev.imagebake.sdk.config.RenamedKey;
import dev.imagebake.sdk.config.RenderLater;
import dev.imagebake.sdk.config.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  record Mapping(String deviceName, Integer volumeSize) {}

  @RenamedKey(key = "filename", use = "output")
  record Demo(
      String output,
      @RenderLater String executeCommand,
      @Secret String token,
      List<Mapping> mappings,
      Map<String, String> tags) {
    Demo {
      if ("forbidden".equals(output)) {
        throw new IllegalArgumentException("output may not be 'forbidden'");
      }
    }
  }

  static class DemoFactory implements PluginFactory<Demo> {
    @Override
    public String type() {
      return "demo";
    }

    @Override
    public Class<Demo> configType() {
      return Demo.class;
    }

    @Override
    public void check(Demo config, ConfigCheck check) {
      if (config.output() == null) {
        check.error("output", "output must be specified");
      }
      if ("x".equals(config.token())) {
        check.error("token", "token is too short\n  use a longer one");
      }
      if (config.output() != null && config.output().startsWith("~")) {
        check.warn("output", "resolves to " + check.resolve(config.output()));
      }
    }
  }

  private final ConfigBinder binder = new ConfigBinder(Path.of("/work"), Path.of("/home/me"));

  record Choice(@OneOf({"a.b", "x|y", "plain"}) String mode) {}

  /** A plugin of {@code type} with these rules. */
  static <C extends Record> PluginFactory<C> plugin(
      Class<C> type, BiConsumer<C, ConfigCheck> rules) {
    return new PluginFactory<>() {
      @Override
      public String type() {
        return type.getSimpleName().toLowerCase(Locale.ROOT);
      }

      @Override
      public Class<C> configType() {
        return type;
      }

      @Override
      public void check(C config, ConfigCheck check) {
        rules.accept(config, check);
      }
    };
  }

  private <C extends Record> List<Diagnostic> diagnostics(
      PluginFactory<C> factory, String json, String pointer) {
    return binder
        .bind(
            factory,
            Blocks.at(json, pointer),
            pointer,
            TestLocations.of(json),
            TestRenderers.identity())
        .diagnostics();
  }

  @Test
  void fixedValuesAreMatchedExactlyNotAsRegularExpressions() {
    for (String ok : List.of("a.b", "x|y", "plain", "")) {
      assertThat(bindChoice(ok)).as(ok).isEmpty();
    }
    for (String bad : List.of("aXb", "x", "y", "plainer", "plain\\n", "a.b|plain", "PLAIN")) {
      assertThat(bindChoice(bad))
          .as(bad)
          .singleElement()
          .satisfies(d -> assertThat(d.message()).startsWith("mode (").contains("is invalid"));
    }
  }

  private List<Diagnostic> bindChoice(String mode) {
    String json = "{\"builders\": [{\"mode\": \"" + mode + "\"}]}";
    return diagnostics(plugin(Choice.class, (c, check) -> {}), json, "/builders/0");
  }

  private BindResult<Demo> bind(String json) {
    return binder.bind(
        new DemoFactory(),
        Blocks.at(json, "/post-processors/0"),
        "/post-processors/0",
        TestLocations.of(json),
        TestRenderers.variables(Map.of("v", "rendered")));
  }

  @Test
  void renderLaterKeysKeepTheirTemplateButGetTheirSyntaxChecked() {
    BindResult<Demo> ok =
        bind(
            "{\"post-processors\": [{\"output\": \"{{user `v`}}\","
                + " \"execute_command\": \"{{ .Path }} {{user `v`}}\"}]}");
    assertThat(ok.config().output()).isEqualTo("rendered");
    assertThat(ok.config().executeCommand()).isEqualTo("{{ .Path }} {{user `v`}}");

    BindResult<Demo> bad =
        bind("{\"post-processors\": [{\"output\": \"o\", \"execute_command\": \"sh {{bad}}\"}]}");
    assertThat(bad.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("invalid 'execute_command': function \"bad\" not defined");
  }

  @Test
  void stringsInListsAndMapsAreRenderedToo() {
    BindResult<Demo> result =
        bind(
            "{\"post-processors\": [{\"output\": \"o\", \"tags\": {\"{{user `v`}}\": \"x-{{user"
                + " `v`}}\"}, \"mappings\": [{\"device_name\": \"{{user `v`}}\", \"volume_size\":"
                + " \"8\"}]}]}");

    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.config().tags()).containsEntry("rendered", "x-rendered");
    assertThat(result.config().mappings()).containsExactly(new Mapping("rendered", 8));
  }

  @Test
  void nestedProblemsNameTheirPath() {
    String json =
        "{\"post-processors\": [{\"output\": \"o\",\n"
            + " \"mappings\": [{\"device_name\": \"a\", \"volume_size\": \"big\", \"volume_sizes\": 1}]}]}";

    BindResult<Demo> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message, Diagnostic::hint, d -> d.source().pointer())
        .containsExactlyInAnyOrder(
            tuple(
                "mappings[0].volume_size: expected an integer, got \"big\"",
                null,
                "/post-processors/0/mappings/0/volume_size"),
            tuple(
                "unknown configuration key: 'volume_sizes'",
                "did you mean 'volume_size'?",
                "/post-processors/0/mappings/0/volume_sizes"));
  }

  @Test
  void checkErrorsPointAtTheKeyWhenPresentElseAtTheBlock() {
    String json = "{\"post-processors\": [\n  {\"tags\": {},\n   \"token\": \"x\"}]}";

    BindResult<Demo> result = bind(json);

    assertThat(result.config()).isNull();
    assertThat(result.diagnostics())
        .extracting(
            Diagnostic::message, Diagnostic::hint, d -> d.source().line(), d -> d.source().column())
        .containsExactly(
            tuple("output must be specified", null, 2, 3),
            tuple("token is too short", "use a longer one", 3, 4));
  }

  @Test
  void rulesStillCheckTheOtherKeysOfABlockWithATypeError() {
    String json = "{\"post-processors\": [\n  {\"output\": [\"o\"],\n   \"token\": \"x\"}]}";

    BindResult<Demo> result = bind(json);

    assertThat(result.ok()).isFalse();
    assertThat(result.config()).isNull();
    // No "output must be specified": output is there, with a value of the wrong type.
    assertThat(result.diagnostics())
        .extracting(
            Diagnostic::message, Diagnostic::hint, d -> d.source().line(), d -> d.source().column())
        .containsExactly(
            tuple("output: expected a string, got an array", null, 2, 14),
            tuple("token is too short", "use a longer one", 3, 4));
    assertThat(result.checked().token()).isEqualTo("x");
    assertThat(result.checked().output()).isNull();
  }

  @Test
  void rulesStillRunWhenAValueFailsToBindOrToRender() {
    String json =
        "{\"post-processors\": [{\"output\": \"o\", \"token\": \"x\","
            + " \"execute_command\": \"{{bad}}\", \"mappings\": [{\"volume_size\": \"big\"}]}]}";

    BindResult<Demo> result = bind(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactlyInAnyOrder(
            "invalid 'execute_command': function \"bad\" not defined",
            "mappings[0].volume_size: expected an integer, got \"big\"",
            "token is too short");
    assertThat(result.checked().mappings()).isNull();
    assertThat(result.checked().executeCommand()).isNull();
  }

  @Test
  void aRenamedOrMisspeltKeyCountsAsTheKeyItStandsFor() {
    for (String key : List.of("filename", "outptu")) {
      BindResult<Demo> result =
          bind("{\"post-processors\": [{\"" + key + "\": \"o\", \"token\": \"x\"}]}");

      assertThat(result.diagnostics())
          .as(key)
          .extracting(Diagnostic::message)
          .doesNotContain("output must be specified")
          .contains("token is too short")
          .hasSize(2);
    }
  }

  /** Rules written for complete blocks: one about the block, one that cannot stand a null. */
  static final class CarelessFactory extends DemoFactory {
    @Override
    public void check(Demo config, ConfigCheck check) {
      if (config.tags() == null) {
        check.error("tags or output must be given");
      }
      if (config.token() != null && config.token().length() < 3) {
        check.error("token", "token is too short");
      }
      if (config.output().isEmpty()) {
        check.error("output", "output is empty");
      }
      check.error("tags", "never reached when output is null");
    }
  }

  private BindResult<Demo> bindCareless(String json) {
    return binder.bind(
        new CarelessFactory(),
        Blocks.at(json, "/post-processors/0"),
        "/post-processors/0",
        TestLocations.of(json),
        TestRenderers.variables(Map.of()));
  }

  @Test
  void aRuleThatTripsOverAKeyLeftOutEndsTheCheckQuietly() {
    String json = "{\"post-processors\": [{\"output\": {}, \"token\": \"x\"}]}";

    BindResult<Demo> result = bindCareless(json);

    // What the rules found before the null stands; the message about the whole block does not,
    // as it may be about the key left out.
    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .hasSize(2)
        .contains("token is too short")
        .noneMatch(m -> m.contains("never reached") || m.contains("must be given"));
    assertThat(result.ok()).isFalse();
  }

  @Test
  void aBlockWithoutErrorsGetsEveryRuleMessage() {
    String json = "{\"post-processors\": [{\"output\": \"\", \"token\": \"x\"}]}";

    BindResult<Demo> result = bindCareless(json);

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly(
            "tags or output must be given",
            "token is too short",
            "output is empty",
            "never reached when output is null");
    assertThat(result.config()).isNull();
    assertThat(result.checked().output()).isEmpty();
  }

  record Upload(
      @OneOf({"fast", "safe"}) String mode, Boolean generated, String source, String target) {}

  /** Rules that depend on a fixed-set key and on a flag. */
  private static void uploadRules(Upload config, ConfigCheck check) {
    if (!"fast".equals(config.mode()) && config.target() == null) {
      check.error("target", "target must be given in safe mode");
    }
    if (!Boolean.TRUE.equals(config.generated()) && "gone".equals(config.source())) {
      check.error("source", "Bad source 'gone'");
    }
    if ("".equals(config.target())) {
      check.error("target", "target is empty");
    }
  }

  private List<String> uploadMessages(String block) {
    String json = "{\"provisioners\": [" + block + "]}";
    return diagnostics(plugin(Upload.class, ConfigBinderTest::uploadRules), json, "/provisioners/0")
        .stream()
        .map(Diagnostic::message)
        .toList();
  }

  @Test
  void aRuleMessageIsKeptOnlyWhenItHoldsForEveryValueAWrongKeyCouldHaveMeant() {
    // "fsat" may have meant "fast", which needs no target; an empty target is wrong in any mode.
    assertThat(uploadMessages("{\"mode\": \"fsat\", \"target\": \"\"}"))
        .containsExactly("mode ('fsat') is invalid, valid values: fast, safe", "target is empty");
    assertThat(uploadMessages("{\"mode\": \"fsat\"}"))
        .containsExactly("mode ('fsat') is invalid, valid values: fast, safe");
    // "maybe" may have meant true, for which the source need not exist yet.
    assertThat(uploadMessages("{\"generated\": \"maybe\", \"source\": \"gone\"}"))
        .containsExactly(
            "generated: expected a boolean, got \"maybe\"", "target must be given in safe mode");
    assertThat(uploadMessages("{\"generated\": [true], \"source\": \"gone\", \"mode\": 7}"))
        .hasSize(2)
        .allMatch(m -> m.startsWith("generated:") || m.startsWith("mode"));
  }

  @Test
  void warningsKeepTheConfigAndPathsResolveLikePacker() {
    BindResult<Demo> result = bind("{\"post-processors\": [{\"output\": \"~/out.txt\"}]}");

    assertThat(result.ok()).isTrue();
    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("resolves to /home/me/out.txt");
  }

  @Test
  void secretValuesNeverAppearInMessages() {
    BindResult<Demo> result =
        bind("{\"post-processors\": [{\"output\": \"o\", \"token\": [\"hunter2\"]}]}");

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("token: expected a string, got an array");
    assertThat(result.diagnostics().toString()).doesNotContain("hunter2");
  }

  @Test
  void renamedKeyOfAPluginRecordIsReportedWithItsReplacement() {
    BindResult<Demo> result = bind("{\"post-processors\": [{\"filename\": \"x\"}]}");

    assertThat(result.diagnostics())
        .singleElement()
        .satisfies(d -> assertThat(d.hint()).isEqualTo("use 'output' instead"));
  }

  @Test
  void compactConstructorRejectionBecomesADiagnosticAtTheBlock() {
    BindResult<Demo> result = bind("{\"post-processors\": [{\"output\": \"forbidden\"}]}");

    assertThat(result.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("output may not be 'forbidden'");
    assertThat(result.diagnostics().get(0).source().pointer()).isEqualTo("/post-processors/0");
  }

  @Test
  void typeAndPackerKeysAreIgnored() {
    BindResult<Demo> result =
        bind(
            "{\"post-processors\": [{\"type\": \"demo\", \"output\": \"o\","
                + " \"packer_build_name\": \"b\", \"packer_user_variables\": {}}]}");

    assertThat(result.diagnostics()).isEmpty();
  }

  @Test
  void templateErrorColumnCountsEscapesAsOneCharacter() {
    String json = "{\"post-processors\": [{\"output\": \"a\\\"b{{bad}}\"}]}";

    BindResult<Demo> result = bind(json);

    int quote = json.indexOf("\"a\\\"b");
    // Offset 3 in the decoded string (a"b) is 4 source characters after the opening quote.
    assertThat(result.diagnostics().get(0).source().column()).isEqualTo(quote + 1 + 1 + 4);
  }
}
