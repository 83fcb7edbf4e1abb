package dev.imagebake.template.interpolate;

import dev.imagebake.sdk.Renderer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run-time {@link Renderer} of one build: renders with a base context (the build's variables,
 * name, type, instant, …) plus the {@code build} data and {@code .Field} data of each call.
 */
public final class ContextRenderer implements Renderer {
  /** Enough for every setting a build renders at run time; a bound all the same. */
  private static final int MAX_PARSED = 256;

  private final RenderContext base;

  /**
   * Parsed templates by source: the same settings are rendered again and again at run time (a shell
   * provisioner's {@code execute_command} once per provisioner and script), and parsing is most of
   * rendering them. {@link TemplateString} is immutable.
   */
  private final Map<String, TemplateString> parsed = new ConcurrentHashMap<>();

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
    if (!template.contains("{{")) {
      // What TemplateString renders a string without actions to, without building a context for
      // it: run-time rendering is per script line and per provisioner.
      return template;
    }
    RenderContext context =
        base.toBuilder().buildData(buildData).buildPlaceholders(false).fields(fields).build();
    try {
      return parse(template).render(context);
    } catch (TemplateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private TemplateString parse(String template) throws TemplateException {
    TemplateString cached = parsed.get(template);
    if (cached != null) {
      return cached;
    }
    TemplateString fresh = TemplateString.parse(template);
    if (parsed.size() < MAX_PARSED) {
      parsed.put(template, fresh);
    }
    return fresh;
  }
}
