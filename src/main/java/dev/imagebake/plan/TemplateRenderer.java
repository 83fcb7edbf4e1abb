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

  /** Functions whose value validation already knows; any other waits for the build. */
  private static final java.util.Set<String> KNOWN_NOW =
      java.util.Set.of("user", "template_dir", "pwd", "lower", "upper", "replace", "replace_all");

  private static final java.util.regex.Pattern FIELD =
      java.util.regex.Pattern.compile("\\{\\{-?\\s*\\.");

  @Override
  public String renderNow(String raw) {
    try {
      TemplateString parsed = TemplateString.parse(raw);
      if (!KNOWN_NOW.containsAll(parsed.calledFunctions()) || FIELD.matcher(raw).find()) {
        return null;
      }
      return parsed.render(context);
    } catch (TemplateException e) {
      return null;
    }
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
