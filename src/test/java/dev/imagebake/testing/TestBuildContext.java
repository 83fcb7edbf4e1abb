package dev.imagebake.testing;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simple {@link BuildContext} for tests: a {@link RecordingUi}, a {@link TestCancellation}, a
 * renderer that returns templates unchanged, and a step runner with Packer's default {@code
 * -on-error=cleanup} policy. Use the {@code with...} methods to change parts.
 */
public final class TestBuildContext implements BuildContext {
  private final String buildName;
  private final String builderType;
  private final RecordingUi ui;
  private final TestCancellation cancellation;
  private final Connector connector;
  private final Path workingDirectory;
  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  private TestBuildContext(
      String buildName,
      String builderType,
      RecordingUi ui,
      TestCancellation cancellation,
      Connector connector,
      Path workingDirectory) {
    this.buildName = buildName;
    this.builderType = builderType;
    this.ui = ui;
    this.cancellation = cancellation;
    this.connector = connector;
    this.workingDirectory = workingDirectory;
  }

  /** Build {@code test} of type {@code null}, in the JVM's working directory, no connector. */
  public static TestBuildContext create() {
    return new TestBuildContext(
        "test",
        "null",
        new RecordingUi(),
        new TestCancellation(),
        (config, target, ctx) -> {
          throw new UnsupportedOperationException("no connector in this test context");
        },
        Path.of("").toAbsolutePath());
  }

  public TestBuildContext withConnector(Connector newConnector) {
    return new TestBuildContext(
        buildName, builderType, ui, cancellation, newConnector, workingDirectory);
  }

  public TestBuildContext withWorkingDirectory(Path dir) {
    return new TestBuildContext(buildName, builderType, ui, cancellation, connector, dir);
  }

  public TestBuildContext withBuild(String name, String type) {
    return new TestBuildContext(name, type, ui, cancellation, connector, workingDirectory);
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

  @Override
  public TestCancellation cancellation() {
    return cancellation;
  }

  @Override
  public Renderer renderer() {
    return (template, buildData, fields) -> template;
  }

  @Override
  public Connector connector() {
    return connector;
  }

  @Override
  public void runSteps(List<Step> steps, StateBag state) throws StepFailedException {
    List<Step> entered = new ArrayList<>();
    try {
      for (Step step : steps) {
        cancellation.throwIfCancelled();
        entered.add(0, step);
        try {
          step.run(this, state);
        } catch (CancelledException e) {
          throw e;
        } catch (Exception e) {
          throw new StepFailedException(step.name(), e.getMessage(), e);
        }
      }
    } finally {
      entered.forEach(step -> step.cleanup(this, state));
    }
  }

  @Override
  public Map<String, String> scriptEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PACKER_BUILD_NAME", buildName);
    env.put("PACKER_BUILDER_TYPE", builderType);
    env.put("IMAGEBAKE_BUILD_NAME", buildName);
    env.put("IMAGEBAKE_BUILDER_TYPE", builderType);
    return env;
  }

  @Override
  public boolean force() {
    return false;
  }

  @Override
  public boolean debug() {
    return false;
  }

  @Override
  public String runUuid() {
    return "00000000-0000-4000-8000-000000000000";
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

  /** The values registered with {@link #addSecret}. */
  public Set<String> secrets() {
    return Set.copyOf(secrets);
  }
}
