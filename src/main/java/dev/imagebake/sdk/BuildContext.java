package dev.imagebake.sdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything a running component may use. One per build; thread-safe. */
public interface BuildContext {
  /** The rendered build name ({@code name}, defaulting to {@code type}). */
  String buildName();

  /** The builder type, e.g. {@code null}. */
  String builderType();

  /** The UI, already targeted at this build (or at this post-processor). */
  Ui ui();

  Cancellation cancellation();

  Renderer renderer();

  /** Opens communicators for this build's builder block. */
  Connector connector();

  /**
   * Runs {@code steps} in order with the build's {@code -on-error} policy and cleans up in reverse
   * order (unless the policy says abort).
   *
   * @throws StepFailedException when a step failed (after the cleanups ran)
   * @throws CancelledException when the build was interrupted (after the cleanups ran)
   */
  void runSteps(List<Step> steps, StateBag state) throws StepFailedException;

  /**
   * Environment every script sees: {@code PACKER_BUILD_NAME}, {@code PACKER_BUILDER_TYPE}, the same
   * as {@code IMAGEBAKE_*}, and {@code PACKER_HTTP_*} when the builder serves HTTP.
   */
  Map<String, String> scriptEnvironment();

  /** {@code -force}: replace previous outputs. */
  boolean force();

  /** {@code -debug}: step-by-step mode. */
  boolean debug();

  /** The id of this {@code imagebake build} run, shared by all builds ({@code PackerRunUUID}). */
  String runUuid();

  /** The directory relative paths in the template are resolved against (the working directory). */
  Path workingDirectory();

  /** Registers a value that must never be printed (e.g. a generated password). */
  void addSecret(String value);

  /**
   * Replaces every secret (sensitive variables, {@code @Secret} keys, values given to {@link
   * #addSecret}) in {@code text} with {@code <sensitive>}. The UI masks by itself; plugins call
   * this for what they write elsewhere (manifests, generated files).
   */
  String mask(String text);

  /**
   * The resources this build made and has not deleted yet (see {@link Resources}): record each one
   * before the call that creates it and drop it once deleted, so that whatever a skipped or failed
   * cleanup leaves behind is listed with its id, and running machines are stopped even when the
   * cleanups are skipped.
   */
  Resources resources();
}
