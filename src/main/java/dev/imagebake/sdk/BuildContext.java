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

  /**
   * This context with another cancellation, everything else shared: for work that must stop on an
   * event of its own too (a VM that exited) or that must outlive an interrupt.
   */
  default BuildContext withCancellation(Cancellation other) {
    return new CancellationScopedContext(this, other);
  }

  Renderer renderer();

  /**
   * Opens a communicator of the type a block's {@code communicator} key names, through the
   * communicator plugins ({@link CommunicatorFactory}).
   */
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

  /** The user's home directory, which a leading {@code ~} in a local path stands for. */
  Path homeDirectory();

  /**
   * The environment of the {@code imagebake} process, as plugins must see it (they never read
   * {@link System#getenv()} themselves, so a build can be run with another environment).
   */
  Map<String, String> environment();

  /** A local path from the template: {@code ~} expanded, relative to {@link #workingDirectory}. */
  default Path localPath(String path) {
    return LocalPaths.resolve(path, workingDirectory(), homeDirectory());
  }

  /** Registers a value that must never be printed (e.g. a generated password). */
  void addSecret(String value);

  /**
   * Replaces every secret (sensitive variables, {@code @Secret} keys, values given to {@link
   * #addSecret}) in {@code text} with {@code <sensitive>}. The UI masks by itself; plugins call
   * this for what they write elsewhere (manifests, generated files).
   */
  String mask(String text);
}
