package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.plugintest.PluginJarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code imagebake plugins}, and what every command says when a plugin jar is broken. */
class PluginsCommandTest {
  @TempDir Path work;

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Map<String, String> pluginPath(Path... directories) {
    StringBuilder path = new StringBuilder();
    for (Path d : directories) {
      path.append(path.length() == 0 ? "" : ":").append(d);
    }
    return Map.of("IMAGEBAKE_PLUGIN_PATH", path.toString());
  }

  @Test
  void listsEveryKindWithItsSource() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Path jar = PluginJarBuilder.helloJar(work, plugins.resolve("hello.jar")).toAbsolutePath();

    Run r = run(pluginPath(plugins), "plugins");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).first().asString().matches("KIND +TYPE +SOURCE");
    assertThat(r.out().lines().map(l -> l.replaceAll(" +", " ")))
        .contains(
            "builder hello " + jar,
            "provisioner hello-say " + jar,
            "builder null built in",
            "provisioner shell built in",
            "post-processor manifest built in");
    assertThat(r.err()).isEqualTo("Plugin directories: " + plugins + "\n");
  }

  @Test
  void listsAsJson() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Path jar = PluginJarBuilder.helloJar(work, plugins.resolve("hello.jar")).toAbsolutePath();

    Run r = run(pluginPath(plugins), "plugins", "--format", "json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    assertThat(root.get("plugin_directories").get(0).asString()).isEqualTo(plugins.toString());
    JsonNode hello = null;
    for (JsonNode p : root.get("plugins")) {
      if (p.get("type").asString().equals("hello")) {
        hello = p;
      }
    }
    assertThat(hello).isNotNull();
    assertThat(hello.get("kind").asString()).isEqualTo("builder");
    assertThat(hello.get("built_in").asBoolean()).isFalse();
    assertThat(hello.get("jar").asString()).isEqualTo(jar.toString());
    assertThat(hello.get("factory").asString()).isEqualTo("org.example.hello.HelloBuilderFactory");
  }

  @Test
  void anEmptyPluginPathListsTheBuiltInsOnly() {
    Run r = run(Map.of("IMAGEBAKE_PLUGIN_PATH", ""), "plugins");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("built in").doesNotContain("/");
    assertThat(r.err()).contains("none (IMAGEBAKE_PLUGIN_PATH is empty)");
  }

  @Test
  void aBrokenJarIsOneLineAndAUsageExitForEveryCommand() throws Exception {
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Path jar = Files.writeString(plugins.resolve("broken.jar"), "not a zip").toAbsolutePath();
    Path template =
        Files.writeString(work.resolve("t.json"), "{\"builders\":[{\"type\":\"null\"}]}");

    for (String[] args :
        new String[][] {
          {"plugins"}, {"validate", template.toString()}, {"schema"}, {"build", template.toString()}
        }) {
      Run r = run(pluginPath(plugins), args);
      assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines())
          .singleElement()
          .asString()
          .startsWith("imagebake: cannot load plugin jar " + jar + ": not a valid jar");
    }
  }
}
