package dev.imagebake.sdk;

import java.util.Map;

/**
 * Renders a {@code {{ }}} template string at run time, with the build's user variables and
 * functions ({@code build_name}, {@code timestamp} sharing one build-wide instant, ...).
 */
public interface Renderer {
  /**
   * @param template the raw string from the template
   * @param buildData what {@code {{build `KEY`}}} resolves to (Host, Port, ID, ...)
   * @param fields what {@code {{ .Field }}} resolves to (Path, Vars, BuildName, ...)
   * @throws IllegalArgumentException with a user-facing message when rendering fails
   */
  String render(String template, Map<String, String> buildData, Map<String, ?> fields);
}
