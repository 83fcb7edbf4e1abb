package dev.imagebake.testing;

import dev.imagebake.engine.StepRunner;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.Resources;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.template.interpolate.ContextRenderer;
import dev.imagebake.template.interpolate.RenderContext;
import dev.imagebake.ui.SecretFilter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The tests' {@link BuildContext}: a {@link RecordingUi}, a {@link TestCancellation}, the real
 * template renderer (with the user variables given, and {@code {{timestamp}}} at {@link #INSTANT}),
 * the real step runner with Packer's default {@code -on-error=cleanup} policy, and the secret
 * registry that masks as the engine's does. Each {@code with...} method returns a copy with one
 * part changed; copies share the UI, the cancellation, the secrets and the resources.
 */
public final class TestBuildContext implements BuildContext {
  /** The instant {@code {{timestamp}}} and {@code {{isotime}}} render. */
  public static final Instant INSTANT = Instant.ofEpochSecond(1_700_000_000L);

  private record Settings(
      String buildName,
      String builderType,
      Path workingDirectory,
      Path homeDirectory,
      Map<String, String> environment,
      Map<String, String> userVariables,
      Connector connector,
      boolean force,
      boolean debug,
      String runUuid) {
    Settings withPlaces(Path work, Path home) {
      return new Settings(
          buildName,
          builderType,
          work,
          home,
          environment,
          userVariables,
          connector,
          force,
          debug,
          runUuid);
    }

    Settings withInputs(Map<String, String> env, Map<String, String> variables) {
      return new Settings(
          buildName,
          builderType,
          workingDirectory,
          homeDirectory,
          env,
          variables,
          connector,
          force,
          debug,
          runUuid);
    }

    Settings withRun(boolean newForce, String newRunUuid) {
      return new Settings(
          buildName,
          builderType,
          workingDirectory,
          homeDirectory,
          environment,
          userVariables,
          connector,
          newForce,
          debug,
          newRunUuid);
    }
  }

  private final Settings settings;
  private final RecordingUi ui;
  private final TestCancellation cancellation;
  private final SecretFilter secrets;
  private final Resources resources;
  private final Set<String> registered;

  private TestBuildContext(
      Settings settings,
      RecordingUi ui,
      TestCancellation cancellation,
      SecretFilter secrets,
      Set<String> registered,
      Resources resources) {
    this.settings = settings;
    this.registered = registered;
    this.ui = ui;
    this.cancellation = cancellation;
    this.secrets = secrets;
    this.resources = resources;
  }

  /**
   * Build {@code test} of type {@code null}, in the JVM's working directory, with the JVM's
   * environment and home, no user variables, no connector.
   */
  public static TestBuildContext create() {
    return new TestBuildContext(
        new Settings(
            "test",
            "null",
            Path.of("").toAbsolutePath(),
            Path.of(System.getProperty("user.home")),
            System.getenv(),
            Map.of(),
            (config, target, ctx) -> {
              throw new UnsupportedOperationException("no connector in this test context");
            },
            false,
            false,
            "00000000-0000-4000-8000-000000000000"),
        new RecordingUi(),
        new TestCancellation(),
        new SecretFilter(Set.of()),
        java.util.concurrent.ConcurrentHashMap.newKeySet(),
        new Resources());
  }

  /** {@link #create()} working in {@code dir}. */
  public static TestBuildContext in(Path dir) {
    return create().withWorkingDirectory(dir);
  }

  private TestBuildContext with(Settings s) {
    return new TestBuildContext(s, ui, cancellation, secrets, registered, resources);
  }

  public TestBuildContext withBuild(String name, String type) {
    Settings s = settings;
    return with(
        new Settings(
            name,
            type,
            s.workingDirectory,
            s.homeDirectory,
            s.environment,
            s.userVariables,
            s.connector,
            s.force,
            s.debug,
            s.runUuid));
  }

  public TestBuildContext withWorkingDirectory(Path dir) {
    return with(settings.withPlaces(dir, settings.homeDirectory));
  }

  public TestBuildContext withHomeDirectory(Path dir) {
    return with(settings.withPlaces(settings.workingDirectory, dir));
  }

  public TestBuildContext withEnvironment(Map<String, String> env) {
    return with(settings.withInputs(Map.copyOf(env), settings.userVariables));
  }

  /** The values {@code {{user `name`}}} renders. */
  public TestBuildContext withUserVariables(Map<String, String> variables) {
    return with(settings.withInputs(settings.environment, Map.copyOf(variables)));
  }

  public TestBuildContext withConnector(Connector connector) {
    Settings s = settings;
    return with(
        new Settings(
            s.buildName,
            s.builderType,
            s.workingDirectory,
            s.homeDirectory,
            s.environment,
            s.userVariables,
            connector,
            s.force,
            s.debug,
            s.runUuid));
  }

  /** {@code -force} on or off. */
  public TestBuildContext withForce(boolean force) {
    return with(settings.withRun(force, settings.runUuid));
  }

  public TestBuildContext withRunUuid(String runUuid) {
    return with(settings.withRun(settings.force, runUuid));
  }

  @Override
  public String buildName() {
    return settings.buildName;
  }

  @Override
  public String builderType() {
    return settings.builderType;
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
    return new ContextRenderer(
        RenderContext.builder()
            .userVariables(settings.userVariables)
            .buildName(settings.buildName)
            .buildType(settings.builderType)
            .workingDir(settings.workingDirectory.toString())
            .templateDir(settings.workingDirectory.toString())
            .env(name -> settings.environment.getOrDefault(name, ""))
            .instant(INSTANT)
            .version("1.6.6")
            .build());
  }

  @Override
  public Connector connector() {
    return settings.connector;
  }

  @Override
  public void runSteps(java.util.List<Step> steps, StateBag state) throws StepFailedException {
    StepRunner.plain().run(this, steps, state);
  }

  @Override
  public Map<String, String> scriptEnvironment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PACKER_BUILD_NAME", settings.buildName);
    env.put("PACKER_BUILDER_TYPE", settings.builderType);
    env.put("IMAGEBAKE_BUILD_NAME", settings.buildName);
    env.put("IMAGEBAKE_BUILDER_TYPE", settings.builderType);
    return env;
  }

  @Override
  public boolean force() {
    return settings.force;
  }

  @Override
  public boolean debug() {
    return settings.debug;
  }

  @Override
  public String runUuid() {
    return settings.runUuid;
  }

  @Override
  public Path workingDirectory() {
    return settings.workingDirectory;
  }

  @Override
  public Path homeDirectory() {
    return settings.homeDirectory;
  }

  @Override
  public Map<String, String> environment() {
    return settings.environment;
  }

  @Override
  public void addSecret(String value) {
    secrets.add(value);
    registered.add(value);
  }

  /** The values registered with {@link #addSecret}. */
  public Set<String> secrets() {
    return Set.copyOf(registered);
  }

  @Override
  public String mask(String text) {
    return secrets.mask(text);
  }

  @Override
  public Resources resources() {
    return resources;
  }
}
