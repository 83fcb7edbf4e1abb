package dev.imagebake.plan;

import dev.imagebake.engine.BuildPlan;
import dev.imagebake.engine.PlannedPostProcessor;
import dev.imagebake.engine.PlannedProvisioner;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.template.interpolate.ContextRenderer;
import java.util.List;

/** Turns checked builds into runnable plans: one fresh plugin instance per block and build. */
public final class BuildPlans {
  private BuildPlans() {}

  /**
   * @throws IllegalStateException when the template has errors (check first)
   */
  public static List<BuildPlan> of(CheckedTemplate checked) {
    if (checked.hasErrors()) {
      throw new IllegalStateException("the template has errors; it cannot be built");
    }
    return checked.builds().stream().map(b -> plan(b, checked)).toList();
  }

  private static BuildPlan plan(PreparedBuild b, CheckedTemplate checked) {
    return new BuildPlan(
        b.name(),
        b.type(),
        builder(b.builder(), b.builderConfig()),
        communicator(b.builderConfig()),
        new ContextRenderer(b.context()),
        b.provisioners().stream().map(BuildPlans::provisioner).toList(),
        b.errorCleanupProvisioner() == null ? null : provisioner(b.errorCleanupProvisioner()),
        b.postProcessorChains().stream()
            .map(chain -> chain.stream().map(BuildPlans::postProcessor).toList())
            .toList(),
        checked.secrets());
  }

  private static PlannedProvisioner provisioner(Prepared.Provisioner p) {
    return new PlannedProvisioner(
        p.type(),
        provisioner(p.factory(), p.config()),
        p.pauseBefore(),
        p.maxRetries(),
        p.timeout());
  }

  private static PlannedPostProcessor postProcessor(Prepared.PostProcessor p) {
    return new PlannedPostProcessor(
        p.name(), p.type(), postProcessor(p.factory(), p.config()), p.keepInputArtifact());
  }

  private static <C extends Record> Builder builder(BuilderFactory<C> f, Record config) {
    return f.create(f.configType().cast(config));
  }

  private static <C extends Record> Provisioner provisioner(
      ProvisionerFactory<C> f, Record config) {
    return f.create(f.configType().cast(config));
  }

  private static <C extends Record> PostProcessor postProcessor(
      PostProcessorFactory<C> f, Record config) {
    return f.create(f.configType().cast(config));
  }

  /** The builder's communicator keys, when its block has them. */
  private static CommunicatorConfig communicator(Record config) {
    return config instanceof UsesCommunicator block && block.comm() != null
        ? block.comm()
        : new CommunicatorConfig("none", null, null, null);
  }
}
