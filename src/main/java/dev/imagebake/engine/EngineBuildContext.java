package dev.imagebake.engine;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.Resources;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import dev.imagebake.sdk.Ui;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@link BuildContext} of one build. Views with another UI (a post-processor's) or another
 * cancellation (a provisioner with a timeout, a cleanup) share everything else.
 */
final class EngineBuildContext implements BuildContext {
  private final RunServices run;
  private final BuildPlan plan;
  private final StepLog log;
  private final Ui ui;
  private final Cancellation cancellation;
  private final Resources resources;

  EngineBuildContext(RunServices run, BuildPlan plan, StepLog log, Ui ui, Cancellation cancel) {
    this(run, plan, log, ui, cancel, new Resources());
  }

  private EngineBuildContext(
      RunServices run,
      BuildPlan plan,
      StepLog log,
      Ui ui,
      Cancellation cancel,
      Resources resources) {
    this.run = run;
    this.plan = plan;
    this.log = log;
    this.ui = ui;
    this.cancellation = cancel;
    this.resources = resources;
  }

  EngineBuildContext withUi(Ui other) {
    return new EngineBuildContext(run, plan, log, other, cancellation, resources);
  }

  @Override
  public EngineBuildContext withCancellation(Cancellation other) {
    return new EngineBuildContext(run, plan, log, ui, other, resources);
  }

  RunServices services() {
    return run;
  }

  BuildPlan plan() {
    return plan;
  }

  StepLog log() {
    return log;
  }

  @Override
  public String buildName() {
    return plan.name();
  }

  @Override
  public String builderType() {
    return plan.type();
  }

  @Override
  public Ui ui() {
    return ui;
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public Renderer renderer() {
    return plan.renderer();
  }

  @Override
  public Connector connector() {
    return run.connector();
  }

  @Override
  public void runSteps(List<Step> steps, StateBag state) throws StepFailedException {
    new StepRunner(log, run.interrupts().cleanups(), () -> Machines.stopAll(this))
        .run(this, run.options().onError().decorate(steps), state);
  }

  @Override
  public Map<String, String> scriptEnvironment() {
    return Map.of(
        "PACKER_BUILD_NAME", plan.name(),
        "PACKER_BUILDER_TYPE", plan.type(),
        "IMAGEBAKE_BUILD_NAME", plan.name(),
        "IMAGEBAKE_BUILDER_TYPE", plan.type());
  }

  @Override
  public boolean force() {
    return run.options().force();
  }

  @Override
  public boolean debug() {
    return run.options().debug();
  }

  @Override
  public String runUuid() {
    return run.options().runUuid();
  }

  @Override
  public Path workingDirectory() {
    return run.options().workingDirectory();
  }

  @Override
  public Path homeDirectory() {
    return run.options().homeDirectory();
  }

  @Override
  public Map<String, String> environment() {
    return run.options().environment();
  }

  @Override
  public void addSecret(String value) {
    run.output().secrets().add(value);
  }

  @Override
  public String mask(String text) {
    return run.output().secrets().mask(text);
  }

  @Override
  public Resources resources() {
    return resources;
  }
}
