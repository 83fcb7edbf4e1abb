package dev.imagebake.testing;

import dev.imagebake.sdk.Renderer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the real template engine: replaces {@code {{.Field}}} from the fields and {@code
 * {{build `KEY`}}} from the build data; a missing value renders {@code <no value>} as in Go.
 */
public final class MapRenderer implements Renderer {
  private static final Pattern ACTION =
      Pattern.compile("\\{\\{\\s*(?:\\.(\\w+)|build\\s+`(\\w+)`)\\s*\\}\\}");

  @Override
  public String render(String template, Map<String, String> buildData, Map<String, ?> fields) {
    Matcher m = ACTION.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object value = m.group(1) != null ? fields.get(m.group(1)) : buildData.get(m.group(2));
      m.appendReplacement(
          out, Matcher.quoteReplacement(value == null ? "<no value>" : value.toString()));
    }
    m.appendTail(out);
    if (out.indexOf("{{") >= 0) {
      throw new IllegalArgumentException("MapRenderer cannot render " + template);
    }
    return out.toString();
  }
}
