package dev.imagebake.plan;

import dev.imagebake.config.ValueRenderer;
import dev.imagebake.template.interpolate.RenderContext;
import dev.imagebake.template.interpolate.TemplateException;
import dev.imagebake.template.interpolate.TemplateString;

/**
 * Renders a block's strings at check time in one context (builder, provisioner or post-processor).
 * Strings the plugin renders later are parsed only, but still checked for what can never work
 * there: {@code env} outside variables and undefined variables.
 */
final class TemplateRenderer implements ValueRenderer {
  private final RenderContext context;

  TemplateRenderer(RenderContext context) {
    this.context = context;
  }

  @Override
  public String render(String raw) throws TemplateException {
    return TemplateString.parse(raw).render(context);
  }

  @Override
  public void checkSyntax(String raw) throws TemplateException {
    TemplateString parsed = TemplateString.parse(raw);
    if (!context.envAllowed() && parsed.calledFunctions().contains("env")) {
      throw new TemplateException(
          "error calling env: env vars are not allowed here", raw.indexOf("env"));
    }
    for (String name : parsed.referencedUserVariables()) {
      if (!context.userVariables().containsKey(name)) {
        throw new TemplateException(
            "error calling user: variable not set: " + name, raw.indexOf(name));
      }
    }
  }
}
