package dev.imagebake.template;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns a JSON tree into a {@link Template} with Packer's parse-time rules (reference §1.1 steps
 * 4–5), reporting every problem rather than stopping at the first. Block-level rules live in {@link
 * BlockParser}.
 */
final class TemplateParser {
  /** Root keys and the field name mapstructure uses for them in errors. */
  private static final Map<String, String> ROOT_KEYS = new LinkedHashMap<>();

  static {
    ROOT_KEYS.put("builders", "builders");
    ROOT_KEYS.put("provisioners", "Provisioners");
    ROOT_KEYS.put("post-processors", "post-processors");
    ROOT_KEYS.put("variables", "Variables");
    ROOT_KEYS.put("sensitive-variables", "sensitive-variables");
    ROOT_KEYS.put("description", "Description");
    ROOT_KEYS.put("min_packer_version", "min_packer_version");
    ROOT_KEYS.put("error-cleanup-provisioner", "error-cleanup-provisioner");
    ROOT_KEYS.put("push", "Push");
  }

  private final Locations locations;
  private final Diagnostics diagnostics;
  private final BlockParser blocks;

  TemplateParser(Locations locations, Diagnostics diagnostics) {
    this.locations = locations;
    this.diagnostics = diagnostics;
    this.blocks = new BlockParser(locations, diagnostics);
  }

  Template parse(JsonNode root) {
    if (root == null || root.isNull()) {
      return Template.empty();
    }
    if (!root.isObject()) {
      error("", false, "'' expected a map, got '" + GoJsonValues.kind(root) + "'");
      return Template.empty();
    }
    Map<String, String> comments = new LinkedHashMap<>();
    Map<String, JsonNode> known = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      String pointer = JsonText.child("", key);
      if (key.startsWith("_")) {
        if (e.getValue().isString()) {
          comments.put(key, e.getValue().stringValue());
        } else {
          error(
              pointer,
              false,
              "Failed to cast root level comment value in comment \"" + key + "\" to string.");
        }
        continue;
      }
      String canonical = canonicalRootKey(key);
      if (canonical == null) {
        Diagnostic d =
            Diagnostic.error(
                locations.keyAt(pointer), "Unknown root level key in template: '" + key + "'");
        String suggestion = Suggest.closest(key, ROOT_KEYS.keySet());
        diagnostics.add(suggestion == null ? d : d.withHint("did you mean '" + suggestion + "'?"));
        continue;
      }
      // mapstructure matches field names case-insensitively, so "Builders" works in Packer too.
      known.put(canonical, e.getValue());
    }

    List<TemplateVariable> variables = variables(known.get("variables"));
    List<String> sensitive = sensitiveVariables(known.get("sensitive-variables"), variables);
    String description = rootString(known, "description");
    String minVersion = rootString(known, "min_packer_version");
    if (known.containsKey("push") && !isNull(known.get("push")) && !known.get("push").isObject()) {
      error(
          "/push",
          false,
          "'Push' expected a map, got '" + GoJsonValues.kind(known.get("push")) + "'");
    }
    List<BuilderBlock> builders = new ArrayList<>();
    List<JsonNode> rawBuilders = rootArray(known, "builders");
    for (int i = 0; i < rawBuilders.size(); i++) {
      BuilderBlock b = blocks.builder(i, rawBuilders.get(i), builders);
      if (b != null) {
        builders.add(b);
      }
    }
    List<List<PostProcessorBlock>> chains = new ArrayList<>();
    List<JsonNode> rawChains = rootArray(known, "post-processors");
    for (int i = 0; i < rawChains.size(); i++) {
      List<PostProcessorBlock> chain = blocks.postProcessorChain(i, rawChains.get(i));
      if (chain != null) {
        chains.add(chain);
      }
    }
    List<ProvisionerBlock> provisioners = new ArrayList<>();
    List<JsonNode> rawProvisioners = rootArray(known, "provisioners");
    for (int i = 0; i < rawProvisioners.size(); i++) {
      ProvisionerBlock p =
          blocks.provisioner(
              i, rawProvisioners.get(i), "/provisioners/" + i, "provisioner " + (i + 1) + ": ");
      if (p != null) {
        provisioners.add(p);
      }
    }
    ProvisionerBlock cleanup = null;
    JsonNode rawCleanup = known.get("error-cleanup-provisioner");
    if (!isNull(rawCleanup)) {
      cleanup =
          blocks.provisioner(
              0, rawCleanup, "/error-cleanup-provisioner", "On Error Cleanup Provisioner error: ");
    }
    return new Template(
        variables,
        sensitive,
        builders,
        provisioners,
        chains,
        cleanup,
        description,
        minVersion,
        comments);
  }

  private static String canonicalRootKey(String key) {
    if (ROOT_KEYS.containsKey(key)) {
      return key;
    }
    for (String k : ROOT_KEYS.keySet()) {
      if (k.equalsIgnoreCase(key)) {
        return k;
      }
    }
    return null;
  }

  private List<TemplateVariable> variables(JsonNode node) {
    List<TemplateVariable> out = new ArrayList<>();
    if (isNull(node)) {
      return out;
    }
    if (!node.isObject()) {
      error(
          "/variables", false, "'Variables' expected a map, got '" + GoJsonValues.kind(node) + "'");
      return out;
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String pointer = JsonText.child("/variables", e.getKey());
      JsonNode v = e.getValue();
      if (v.isNull()) {
        out.add(new TemplateVariable(e.getKey(), null, pointer));
      } else if (v.isString()) {
        out.add(new TemplateVariable(e.getKey(), v.stringValue(), pointer));
      } else {
        error(
            pointer,
            false,
            "variable "
                + e.getKey()
                + ": '' expected type 'string', got unconvertible type '"
                + GoJsonValues.typeName(v)
                + "', value: '"
                + GoJsonValues.format(v)
                + "'");
      }
    }
    return out;
  }

  private List<String> sensitiveVariables(JsonNode node, List<TemplateVariable> variables) {
    List<String> out = new ArrayList<>();
    if (isNull(node)) {
      return out;
    }
    if (!node.isArray()) {
      error(
          "/sensitive-variables",
          false,
          "'sensitive-variables': source data must be an array or slice, got "
              + GoJsonValues.kind(node));
      return out;
    }
    Set<String> declared = new HashSet<>();
    variables.forEach(v -> declared.add(v.name()));
    for (int i = 0; i < node.size(); i++) {
      JsonNode n = node.get(i);
      String pointer = "/sensitive-variables/" + i;
      if (n.isNull()) {
        continue;
      }
      if (!n.isString()) {
        error(
            pointer,
            false,
            "'sensitive-variables["
                + i
                + "]' expected type 'string', got unconvertible type '"
                + GoJsonValues.typeName(n)
                + "', value: '"
                + GoJsonValues.format(n)
                + "'");
        continue;
      }
      out.add(n.stringValue());
      if (!declared.contains(n.stringValue())) {
        diagnostics.add(
            Diagnostic.warning(
                locations.valueAt(pointer),
                "sensitive variable '" + n.stringValue() + "' is not declared in 'variables'"));
      }
    }
    return out;
  }

  private String rootString(Map<String, JsonNode> known, String key) {
    JsonNode n = known.get(key);
    if (isNull(n)) {
      return null;
    }
    if (n.isString()) {
      return n.stringValue();
    }
    error(
        "/" + key,
        false,
        "'"
            + ROOT_KEYS.get(key)
            + "' expected type 'string', got unconvertible type '"
            + GoJsonValues.typeName(n)
            + "', value: '"
            + GoJsonValues.format(n)
            + "'");
    return null;
  }

  private List<JsonNode> rootArray(Map<String, JsonNode> known, String key) {
    JsonNode n = known.get(key);
    List<JsonNode> out = new ArrayList<>();
    if (isNull(n)) {
      return out;
    }
    if (!n.isArray()) {
      error(
          "/" + key,
          false,
          "'"
              + ROOT_KEYS.get(key)
              + "': source data must be an array or slice, got "
              + GoJsonValues.kind(n).toLowerCase(Locale.ROOT));
      return out;
    }
    n.forEach(out::add);
    return out;
  }

  private static boolean isNull(JsonNode n) {
    return n == null || n.isNull();
  }

  private void error(String pointer, boolean atKey, String message) {
    SourceRef at = atKey ? locations.keyAt(pointer) : locations.valueAt(pointer);
    diagnostics.add(Diagnostic.error(at, message));
  }
}
