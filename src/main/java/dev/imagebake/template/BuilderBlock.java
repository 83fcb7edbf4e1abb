package dev.imagebake.template;

import tools.jackson.databind.node.ObjectNode;

/**
 * One element of {@code builders}.
 *
 * @param index 0-based position in {@code builders}
 * @param type the {@code type} key
 * @param rawName {@code name} as written (un-rendered, may hold {@code {{user}}}), defaulting to
 *     the type; provisioner and post-processor {@code only}/{@code except}/{@code override} match
 *     this raw name
 * @param config every other key (without {@code type} and {@code name}); its keys are located at
 *     {@code pointer + "/" + key}
 * @param pointer JSON pointer of the block, e.g. {@code /builders/0}
 */
public record BuilderBlock(
    int index, String type, String rawName, ObjectNode config, String pointer) {}
