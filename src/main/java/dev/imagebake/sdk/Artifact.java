package dev.imagebake.sdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The result of a builder or post-processor: an image, a file, a box.
 *
 * <p>{@link #generatedData()} is what {@code {{build `KEY`}}} resolves to in post-processors and
 * what the manifest post-processor records.
 */
public interface Artifact {
  /** A stable identifier of the component that made it, e.g. {@code fnoeding.null}. */
  String builderId();

  /** The artifact's id, e.g. {@code us-east-1:ami-0abc}; may be empty. */
  String id();

  /** Local files making up the artifact; empty for cloud images. */
  List<Path> files();

  /** One human line for the final summary (Packer's {@code String()}). */
  String describe();

  /** Builder-generated data ({@code ID}, {@code SourceAMI}, ...); never null. */
  Map<String, String> generatedData();

  /**
   * Builder-specific facts a later post-processor needs, keyed as Packer's {@code
   * Artifact.State(name)}: the qemu builder sets {@code diskName}, {@code diskType} ({@code
   * qcow2}/{@code raw}), {@code diskSize} (MiB, decimal) and {@code domainType} (the accelerator),
   * which the vagrant post-processor reads for libvirt boxes. Never null; empty by default.
   */
  default Map<String, String> state() {
    return Map.of();
  }

  /**
   * Deletes what the artifact holds (files, images). Called when a post-processor consumed it and
   * {@code keep_input_artifact} is false.
   */
  void destroy() throws Exception;
}
