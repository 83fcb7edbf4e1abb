package dev.imagebake.template;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One post-processor of a chain. The string form {@code "compress"} gives an empty config.
 *
 * @param chainIndex 0-based position of the chain in {@code post-processors}
 * @param index 0-based position in its chain (0 for the string and object forms)
 * @param type the {@code type}
 * @param name {@code name}, defaulting to the type
 * @param only raw builder names to run for; empty when not given
 * @param except raw builder names to skip; empty when not given
 * @param keepInputArtifact {@code keep_input_artifact}, or null when not given
 * @param config every other key; located at {@code pointer + "/" + key}
 * @param pointer JSON pointer of the element, e.g. {@code /post-processors/1/0}
 */
public record PostProcessorBlock(
    int chainIndex,
    int index,
    String type,
    String name,
    List<String> only,
    List<String> except,
    Boolean keepInputArtifact,
    ObjectNode config,
    String pointer) {
  public PostProcessorBlock {
    only = List.copyOf(only);
    except = List.copyOf(except);
  }
}
