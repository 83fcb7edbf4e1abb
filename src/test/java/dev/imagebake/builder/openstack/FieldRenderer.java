package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.Renderer;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the template engine at run time: {@code {{ .Field }}}, {@code {{build `Key`}}} and
 * {@code {{timestamp}}}.
 */
final class FieldRenderer implements Renderer {
  private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");
  private static final Pattern BUILD = Pattern.compile("\\{\\{\\s*build `(\\w+)`\\s*}}");

  @Override
  public String render(String template, Map<String, String> buildData, Map<String, ?> fields) {
    String out = template.replace("{{timestamp}}", "1700000000");
    out = replace(FIELD, out, fields);
    return replace(BUILD, out, buildData);
  }

  private static String replace(Pattern p, String s, Map<String, ?> values) {
    Matcher m = p.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      Object v = values.get(m.group(1));
      m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "<no value>" : v.toString()));
    }
    m.appendTail(b);
    return b.toString();
  }
}
