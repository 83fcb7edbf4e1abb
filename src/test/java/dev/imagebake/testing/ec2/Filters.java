package dev.imagebake.testing.ec2;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** EC2 describe filters: every filter must match one of the resource's values (globs * and ?). */
final class Filters {
  private Filters() {}

  static boolean match(
      Map<String, List<String>> filters,
      Function<String, List<String>> attribute,
      Map<String, String> tags) {
    for (var f : filters.entrySet()) {
      String name = f.getKey();
      List<String> values;
      if (name.startsWith("tag:")) {
        String v = tags.get(name.substring(4));
        values = v == null ? List.of() : List.of(v);
      } else if (name.equals("tag-key")) {
        values = List.copyOf(tags.keySet());
      } else {
        values = attribute.apply(name);
        if (values == null) {
          throw Ec2Error.badRequest(
              "InvalidParameterValue", "The filter '" + name + "' is invalid");
        }
      }
      boolean any = values.stream().anyMatch(v -> f.getValue().stream().anyMatch(p -> glob(p, v)));
      if (!any) {
        return false;
      }
    }
    return true;
  }

  static boolean glob(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return value != null && value.matches(regex.toString());
  }

  static List<String> of(Object... values) {
    return java.util.Arrays.stream(values)
        .filter(java.util.Objects::nonNull)
        .map(String::valueOf)
        .toList();
  }
}
