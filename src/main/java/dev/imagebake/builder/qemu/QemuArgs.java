package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.ConfigCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * {@code qemuargs}: a list of argument lists, each a flag and its values. As in Packer, the values
 * of one entry are joined without a separator, entries with the same flag are all kept, and a flag
 * given here replaces the builder's default for that flag.
 */
final class QemuArgs {
  private QemuArgs() {}

  /** The raw (unrendered) entries; call only after {@link #check} found nothing. */
  static List<List<String>> raw(JsonNode node) {
    List<List<String>> entries = new ArrayList<>();
    if (node == null || node.isNull()) {
      return entries;
    }
    for (JsonNode entry : node) {
      List<String> args = new ArrayList<>();
      for (JsonNode arg : entry) {
        args.add(arg.isString() ? arg.stringValue() : arg.toString());
      }
      entries.add(List.copyOf(args));
    }
    return entries;
  }

  /** Reports entries that are not lists of scalars or that have no flag. */
  static void check(JsonNode node, ConfigCheck check) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isArray()) {
      check.error("qemuargs", "qemuargs must be a list of argument lists, e.g. [[\"-m\", \"1G\"]]");
      return;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode entry = node.get(i);
      if (!entry.isArray() || entry.isEmpty()) {
        check.error("qemuargs/" + i, "each qemuargs entry must be a non-empty list of strings");
        continue;
      }
      for (int j = 0; j < entry.size(); j++) {
        if (entry.get(j).isContainer() || entry.get(j).isNull()) {
          check.error("qemuargs/" + i + "/" + j, "a qemuargs value must be a string");
        }
      }
    }
  }

  /**
   * Merges the builder's defaults with the user's entries: flag to values (an empty list for a bare
   * flag), defaults first in their order, each user flag replacing the default of the same name.
   *
   * @param render renders one user value (template data such as {{ .HTTPPort }})
   */
  static List<String> merge(
      Map<String, List<String>> defaults, List<List<String>> user, UnaryOperator<String> render) {
    Map<String, List<String>> userArgs = new LinkedHashMap<>();
    for (List<String> entry : user) {
      String flag = render.apply(entry.get(0));
      StringBuilder value = new StringBuilder();
      for (String part : entry.subList(1, entry.size())) {
        value.append(render.apply(part));
      }
      List<String> values = userArgs.computeIfAbsent(flag, k -> new ArrayList<>());
      if (value.length() > 0) {
        values.add(value.toString());
      }
    }
    List<String> out = new ArrayList<>();
    defaults.forEach(
        (flag, values) -> {
          if (!userArgs.containsKey(flag)) {
            append(out, flag, values);
          }
        });
    userArgs.forEach((flag, values) -> append(out, flag, values));
    return out;
  }

  private static void append(List<String> out, String flag, List<String> values) {
    if (values.isEmpty()) {
      out.add(flag);
    }
    for (String v : values) {
      out.add(flag);
      out.add(v);
    }
  }
}
