package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.plugintest.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plugin the main source tree does not know ({@code examples/plugin-hello}, compiled against the
 * SDK jar alone and dropped into a plugin directory) works through {@code bin/imagebake} like a
 * built-in one: validate, build, schema, plugins.
 */
class PluginHelloIT {
  @TempDir static Path shared;
  private static Path plugins;
  private static Path jar;

  @TempDir Path work;

  @BeforeAll
  static void dropThePluginIntoAPluginDirectory() throws Exception {
    plugins = Files.createDirectories(shared.resolve("plugins"));
    jar = PluginJarBuilder.helloJar(shared, plugins.resolve("hello.jar")).toAbsolutePath();
  }

  private static Map<String, String> env(Path... directories) {
    StringBuilder path = new StringBuilder();
    for (Path d : directories) {
      path.append(path.length() == 0 ? "" : ":").append(d);
    }
    return Map.of("IMAGEBAKE_PLUGIN_PATH", path.toString());
  }

  private static void assertNoStackTrace(Launcher.Result r) {
    assertThat(r.all()).doesNotContain("\tat ").doesNotContain("internal error");
  }

  @Test
  void validateReportsThePluginsBadKeysWithTheirPositions() throws Exception {
    Path t =
        Files.writeString(
            work.resolve("bad.json"),
            """
            {
              "builders": [{
                "type": "hello",
                "recipent": "x",
                "times": 0
              }],
              "provisioners": [{"type": "hello-say"}]
            }
            """);

    Launcher.Result r = Launcher.run(work, env(plugins), "validate", t.toString());

    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertNoStackTrace(r);
    assertThat(r.stderr())
        .contains(t + ":4:5: error: unknown configuration key: 'recipent'")
        .contains("hint: did you mean 'recipient'?")
        .contains(t + ":5:5: error: times must be between 1 and 100, not 0")
        .contains(t + ":2:16: error: output is required")
        .contains(t + ":7:20: error: message is required");
  }

  @Test
  void buildRunsThePluginsBuilderAndProvisioner() throws Exception {
    Path t =
        Files.writeString(
            work.resolve("hello.json"),
            """
            {
              "variables": {"who": "imagebake"},
              "builders": [{
                "type": "hello",
                "output": "out/greeting.txt",
                "recipient": "{{user `who`}}",
                "times": 2
              }],
              "provisioners": [{"type": "hello-say", "message": "said from a plugin jar"}]
            }
            """);

    Launcher.Result r = Launcher.run(work, env(plugins), "build", t.toString());

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(Files.readString(work.resolve("out/greeting.txt")))
        .isEqualTo("Hello, imagebake!\nHello, imagebake!\n");
    assertThat(r.stdout())
        .contains("hello: Wrote 2 greeting(s) to out/greeting.txt")
        .contains("hello: hello-say: said from a plugin jar")
        .contains("Greeting in " + work.resolve("out/greeting.txt"));
  }

  @Test
  void schemaShowsThePluginsBlock() throws Exception {
    Launcher.Result r = Launcher.run(work, env(plugins), "schema", "builder", "hello");

    assertThat(r.exitCode()).as(r.all()).isZero();
    JsonNode schema = JsonMapper.builder().build().readTree(r.stdout());
    assertThat(schema.get("title").asString()).isEqualTo("builder hello");
    assertThat(schema.get("properties").propertyNames())
        .contains("type", "name", "output", "recipient", "times", "token");
    assertThat(schema.get("properties").get("output").get("description").asString())
        .startsWith("File to write the greeting to (required)");
  }

  @Test
  void pluginsListsItWithItsJar() throws Exception {
    Launcher.Result r = Launcher.run(work, env(plugins), "plugins");

    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout().lines().map(l -> l.replaceAll(" +", " ")))
        .contains("builder hello " + jar, "provisioner hello-say " + jar, "builder null built in");
  }

  @Test
  void withoutThePluginDirectoryTheTypeIsUnknown() throws Exception {
    Path t =
        Files.writeString(
            work.resolve("t.json"), "{\"builders\": [{\"type\": \"hello\", \"output\": \"x\"}]}\n");

    Launcher.Result r = Launcher.run(work, env(), "validate", t.toString());

    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.stderr()).contains("unknown builder type 'hello'");
  }

  @Test
  void aCorruptJarIsOneClearLine() throws Exception {
    Path dir = Files.createDirectories(work.resolve("broken"));
    Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "PK not really").toAbsolutePath();
    Path t = Files.writeString(work.resolve("t.json"), "{\"builders\": [{\"type\": \"null\"}]}\n");

    Launcher.Result r = Launcher.run(work, env(plugins, dir), "validate", t.toString());

    assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
    assertNoStackTrace(r);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr().lines())
        .singleElement()
        .asString()
        .startsWith("imagebake: cannot load plugin jar " + corrupt + ": not a valid jar");
  }

  @Test
  void twoJarsClaimingOneTypeAreNamedBoth() throws Exception {
    Path other = Files.createDirectories(work.resolve("other"));
    Path copy = Files.copy(jar, other.resolve("hello-copy.jar")).toAbsolutePath();

    Launcher.Result r = Launcher.run(work, env(plugins, other), "plugins");

    assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
    assertNoStackTrace(r);
    assertThat(r.stderr().lines())
        .containsExactly(
            "imagebake: builder type 'hello' is provided by both "
                + jar
                + " (org.example.hello.HelloBuilderFactory) and "
                + copy
                + " (org.example.hello.HelloBuilderFactory)",
            "imagebake: provisioner type 'hello-say' is provided by both "
                + jar
                + " (org.example.hello.HelloSayProvisionerFactory) and "
                + copy
                + " (org.example.hello.HelloSayProvisionerFactory)");
  }
}
