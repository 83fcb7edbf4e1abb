package dev.imagebake.engine;

import dev.imagebake.sdk.PostProcessor;

/**
 * A post-processor in a chain.
 *
 * @param name {@code name}, defaulting to the type; matched by {@code -except}
 * @param type e.g. {@code manifest}
 * @param postProcessor the instance for this build
 * @param keepInputArtifact the user's {@code keep_input_artifact}, or null when not set
 */
public record PlannedPostProcessor(
    String name, String type, PostProcessor postProcessor, Boolean keepInputArtifact) {}
