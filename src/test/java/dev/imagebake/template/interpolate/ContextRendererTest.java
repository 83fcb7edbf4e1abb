package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Renderer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextRendererTest {
  private final Renderer renderer = new ContextRenderer(Contexts.standard());

  @Test
  void rendersWithBuildDataAndFieldsOfTheCall() {
    assertThat(
            renderer.render(
                "{{.Vars}} {{.Path}} on {{build `Host`}}:{{build `Port`}} for {{build_name}}",
                Map.of("Host", "127.0.0.1", "Port", "2222"),
                Map.of("Vars", "A=1", "Path", "/tmp/script.sh")))
        .isEqualTo("A=1 /tmp/script.sh on 127.0.0.1:2222 for my-build-1");
  }

  @Test
  void failsWithTheTemplateMessage() {
    assertThatThrownBy(() -> renderer.render("{{build `ID`}}", null, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "error calling build: Error validating build variable: the given variable ID will not"
                + " be passed into your plugin.");
    assertThatThrownBy(() -> renderer.render("{{nofunc}}", Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("function \"nofunc\" not defined");
  }
}
