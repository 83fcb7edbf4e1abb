package dev.imagebake.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One element of {@code provisioners}, or the {@code error-cleanup-provisioner}.
 *
 * @param index 0-based position in {@code provisioners} (0 for the cleanup provisioner)
 * @param type the {@code type} key
 * @param only raw builder names to run for; empty when not given
 * @param except raw builder names to skip; empty when not given
 * @param override raw builder name → config merged over {@link #config} for that build, in template
 *     order
 * @param pauseBefore {@code pause_before}, or {@link Duration#ZERO}
 * @param maxRetries {@code max_retries} as written (a number is kept as its decimal text), may hold
 *     {@code {{user}}}; null when not given. Rendered and checked at build init.
 * @param timeout {@code timeout}, or {@link Duration#ZERO}
 * @param config every other key (including a {@code name}, which the plugin will reject); its keys
 *     are located at {@code pointer + "/" + key}
 * @param pointer JSON pointer of the block, e.g. {@code /provisioners/2}
 */
public record ProvisionerBlock(
    int index,
    String type,
    List<String> only,
    List<String> except,
    Map<String, ObjectNode> override,
    Duration pauseBefore,
    String maxRetries,
    Duration timeout,
    ObjectNode config,
    String pointer) {
  public ProvisionerBlock {
    only = List.copyOf(only);
    except = List.copyOf(except);
    override = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(override));
  }
}
