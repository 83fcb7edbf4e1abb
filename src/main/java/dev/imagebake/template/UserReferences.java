package dev.imagebake.template;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names a template string reads with {@code {{user `name`}}} (or {@code {{ user "name"
 * }}}), to order variable rendering by dependency without rendering anything.
 */
final class UserReferences {
  private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)\\}\\}", Pattern.DOTALL);
  private static final Pattern USER_CALL =
      Pattern.compile("\\buser\\s+(?:`([^`]*)`|\"((?:[^\"\\\\]|\\\\.)*)\")");

  private UserReferences() {}

  static Set<String> in(String value) {
    Set<String> names = new LinkedHashSet<>();
    if (value == null || !value.contains("{{")) {
      return names;
    }
    Matcher action = ACTION.matcher(value);
    while (action.find()) {
      Matcher call = USER_CALL.matcher(action.group(1));
      while (call.find()) {
        names.add(
            call.group(1) != null
                ? call.group(1)
                : call.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
    }
    return names;
  }
}
