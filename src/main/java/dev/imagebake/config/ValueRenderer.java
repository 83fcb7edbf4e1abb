package dev.imagebake.config;

import dev.imagebake.template.interpolate.TemplateException;

/**
 * Renders the <code>{{ }}</code> template strings of a config block while it is bound. The binder
 * only calls it for strings that contain <code>{{</code>; others are bound as written.
 */
public interface ValueRenderer {
  /**
   * @return the rendered string
   * @throws TemplateException when the string cannot be parsed or rendered; its offset locates the
   *     problem inside {@code raw}
   */
  String render(String raw) throws TemplateException;

  /**
   * Checks syntax only, for keys the plugin renders later with run-time data ({@code RenderLater}).
   *
   * @throws TemplateException when the string cannot be parsed
   */
  void checkSyntax(String raw) throws TemplateException;

  /**
   * {@code raw} rendered now when it uses only what validation knows (see {@code
   * ConfigCheck.renderNow}), else null.
   */
  default String renderNow(String raw) {
    return raw.contains("{{") ? null : raw;
  }
}
