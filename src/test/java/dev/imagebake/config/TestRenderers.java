package dev.imagebake.config;

import dev.imagebake.template.interpolate.TemplateException;
import java.util.Map;

/** Stand-ins for the template engine. */
public final class TestRenderers {
  private TestRenderers() {}

  /**
   * Replaces <code>{{user `name`}}</code> with the variable's value and fails on <code>{{bad
   * </code> with the offset of the action, like a parse error.
   */
  public static ValueRenderer variables(Map<String, String> vars) {
    return new ValueRenderer() {
      @Override
      public String render(String raw) throws TemplateException {
        checkSyntax(raw);
        String out = raw;
        for (Map.Entry<String, String> v : vars.entrySet()) {
          out = out.replace("{{user `" + v.getKey() + "`}}", v.getValue());
        }
        return out;
      }

      @Override
      public void checkSyntax(String raw) throws TemplateException {
        int bad = raw.indexOf("{{bad");
        if (bad >= 0) {
          throw new TemplateException("function \"bad\" not defined", bad);
        }
      }
    };
  }

  public static ValueRenderer identity() {
    return variables(Map.of());
  }
}
