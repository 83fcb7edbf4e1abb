package dev.imagebake.sdk.shell;

import dev.imagebake.sdk.Renderer;
import java.util.Map;

/** Run-time rendering of script settings, with Packer's "Error interpolating X: " prefix. */
public final class ScriptRendering {
  private ScriptRendering() {}

  /**
   * @throws IllegalArgumentException {@code errorPrefix} followed by the renderer's message
   */
  public static String render(
      Renderer renderer,
      String template,
      Map<String, String> buildData,
      Map<String, ?> fields,
      String errorPrefix) {
    try {
      return renderer.render(template, buildData, fields);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(errorPrefix + e.getMessage(), e);
    }
  }
}
