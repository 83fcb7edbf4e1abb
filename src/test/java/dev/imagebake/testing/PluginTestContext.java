package dev.imagebake.testing;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link BuildContext} for plugin tests: a {@link RecordingUi}, a {@link MapRenderer}, a step
 * runner with the default cleanup policy, and the run settings given to the constructor.
 */
public final class PluginTestContext implements BuildContext {
  private final String buildName;
  private final String builderType;
  private final Path workingDirectory;
  private final boolean force;
  private final String runUuid;
  private final RecordingUi ui;
  private final Cancellation cancellation;

  public PluginTestContext(
      String buildName, String builderType, Path workingDirectory, boolean force, String runUuid) {
    this(
        buildName,
        builderType,
        workingDirectory,
        force,
        runUuid,
        new RecordingUi(),
        Cancellation.never());
  }

  private PluginTestContext(
      String buildName,
      String builderType,
      Path workingDirectory,
      boolean force,
      String runUuid,
      RecordingUi ui,
      Cancellation cancellation) {
    this.buildName = buildName;
    this.builderType = builderType;
    this.workingDirectory = workingDirectory;
    this.force = force;
    this.runUuid = runUuid;
    this.ui = ui;
    this.cancellation = cancellation;
  }

  /** Build {@code f} of type {@code file} in {@code dir}, no -force. */
  public static PluginTestContext in(Path dir) {
    return new PluginTestContext("f", "file", dir, false, "11111111-2222-4333-8444-555555555555");
  }

  @Override
  public String buildName() {
    return buildName;
  }

  @Override
  public String builderType() {
    return builderType;
  }

  @Override
  public RecordingUi ui() {
    return ui;
  }

  /** This context (same UI) with another cancellation; by default one that never fires. */
  @Override
  public PluginTestContext withCancellation(Cancellation newCancellation) {
    return new PluginTestContext(
        buildName, builderType, workingDirectory, force, runUuid, ui, newCancellation);
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public Renderer renderer() {
    return new MapRenderer();
  }

  @Override
  public Connector connector() {
    throw new UnsupportedOperationException("no connector in plugin tests");
  }

  @Override
  public void runSteps(List<Step> steps, StateBag state) throws StepFailedException {
    List<Step> entered = new ArrayList<>();
    try {
      for (Step step : steps) {
        entered.add(0, step);
        try {
          step.run(this, state);
        } catch (Exception e) {
          throw new StepFailedException(step.name(), e.getMessage(), e);
        }
      }
    } finally {
      entered.forEach(s -> s.cleanup(this, state));
    }
  }

  @Override
  public Map<String, String> scriptEnvironment() {
    return Map.of("PACKER_BUILD_NAME", buildName, "PACKER_BUILDER_TYPE", builderType);
  }

  @Override
  public boolean force() {
    return force;
  }

  @Override
  public boolean debug() {
    return false;
  }

  @Override
  public String runUuid() {
    return runUuid;
  }

  @Override
  public Path workingDirectory() {
    return workingDirectory;
  }

  @Override
  public Path homeDirectory() {
    return Path.of(System.getProperty("user.home"));
  }

  @Override
  public Map<String, String> environment() {
    return System.getenv();
  }

  @Override
  public void addSecret(String value) {
    secrets.add(value);
  }

  @Override
  public String mask(String text) {
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "<sensitive>");
    }
    return out;
  }

  private final java.util.Set<String> secrets = new java.util.HashSet<>();
}
