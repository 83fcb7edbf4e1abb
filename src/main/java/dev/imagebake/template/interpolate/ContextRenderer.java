package dev.imagebake.template.interpolate;

import dev.imagebake.sdk.Renderer;
import java.util.Map;

/**
 * The run-time {@link Renderer} of one build: renders with a base context (the build's variables,
 * name, type, instant, …) plus the {@code build} data and {@code .Field} data of each call.
 */
public final class ContextRenderer implements Renderer {
  private final RenderContext base;

  /**
   * @param base the build's context; its build data and fields are replaced per call
   */
  public ContextRenderer(RenderContext base) {
    this.base = base;
  }

  /**
   * @param buildData what {@code {{build `KEY`}}} resolves to; null where it is not available
   * @param fields what {@code {{ .Field }}} resolves to; null keeps such actions literally
   * @throws IllegalArgumentException with the template error's message
   */
  @Override
  public String render(String template, Map<String, String> buildData, Map<String, ?> fields) {
    RenderContext context =
        base.toBuilder().buildData(buildData).buildPlaceholders(false).fields(fields).build();
    try {
      return TemplateString.parse(template).render(context);
    } catch (TemplateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
