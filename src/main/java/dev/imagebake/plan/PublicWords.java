package dev.imagebake.plan;

import dev.imagebake.template.BuilderBlock;
import dev.imagebake.template.PostProcessorBlock;
import dev.imagebake.template.ProvisionerBlock;
import dev.imagebake.template.Template;
import dev.imagebake.template.TemplateVariable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The words of a template that are never secret: its keys (at every depth), plugin types and
 * variable names. Diagnostics name them, so masking leaves them whole.
 */
final class PublicWords {
  private PublicWords() {}

  static Set<String> of(Template template) {
    Set<String> words = new HashSet<>();
    for (String root :
        List.of(
            "variables",
            "sensitive-variables",
            "builders",
            "provisioners",
            "post-processors",
            "error-cleanup-provisioner",
            "type",
            "name",
            "only",
            "except",
            "override")) {
      words.add(root);
    }
    for (TemplateVariable v : template.variables()) {
      words.add(v.name());
    }
    for (BuilderBlock b : template.builders()) {
      words.add(b.type());
      keys(b.config(), words);
    }
    for (ProvisionerBlock p : template.provisioners()) {
      words.add(p.type());
      keys(p.config(), words);
    }
    if (template.errorCleanupProvisioner() != null) {
      words.add(template.errorCleanupProvisioner().type());
      keys(template.errorCleanupProvisioner().config(), words);
    }
    for (List<PostProcessorBlock> chain : template.postProcessors()) {
      for (PostProcessorBlock p : chain) {
        words.add(p.type());
        keys(p.config(), words);
      }
    }
    words.remove("");
    return words;
  }

  private static void keys(JsonNode node, Set<String> words) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        words.add(e.getKey());
        keys(e.getValue(), words);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        keys(element, words);
      }
    }
  }
}
