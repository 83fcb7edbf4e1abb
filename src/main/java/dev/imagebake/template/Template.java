package dev.imagebake.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON template. When parsing found errors this holds what could be parsed; check the
 * diagnostics before using it.
 *
 * @param variables declared user variables in file order
 * @param sensitiveVariables names listed in {@code sensitive-variables}, in order
 * @param builders builder blocks in file order (only the valid ones)
 * @param provisioners provisioners in file order
 * @param postProcessors chains in file order; each chain in order
 * @param errorCleanupProvisioner the {@code error-cleanup-provisioner}, or null
 * @param description {@code description}, or null
 * @param minPackerVersion {@code min_packer_version}, or null
 * @param comments root-level {@code _} keys and their string values, in file order
 */
public record Template(
    List<TemplateVariable> variables,
    List<String> sensitiveVariables,
    List<BuilderBlock> builders,
    List<ProvisionerBlock> provisioners,
    List<List<PostProcessorBlock>> postProcessors,
    ProvisionerBlock errorCleanupProvisioner,
    String description,
    String minPackerVersion,
    Map<String, String> comments) {
  public Template {
    variables = List.copyOf(variables);
    sensitiveVariables = List.copyOf(sensitiveVariables);
    builders = List.copyOf(builders);
    provisioners = List.copyOf(provisioners);
    postProcessors = postProcessors.stream().map(List::copyOf).toList();
    comments = Collections.unmodifiableMap(new LinkedHashMap<>(comments));
  }

  /** A template with nothing in it, for input that is not JSON at all. */
  public static Template empty() {
    return new Template(
        List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, Map.of());
  }

  /** The builder whose raw name is {@code rawName}, or null. */
  public BuilderBlock builder(String rawName) {
    for (BuilderBlock b : builders) {
      if (b.rawName().equals(rawName)) {
        return b;
      }
    }
    return null;
  }
}
