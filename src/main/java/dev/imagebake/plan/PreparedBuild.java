package dev.imagebake.plan;

import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.template.interpolate.RenderContext;
import java.util.List;

/**
 * One build whose every block bound and passed its checks.
 *
 * @param name the rendered build name
 * @param rawName the name as written, which provisioners' only/except/override match
 * @param type the builder type
 * @param builder the builder's factory
 * @param builderConfig its bound configuration
 * @param provisioners those that run for this build, in order, with overrides merged
 * @param errorCleanupProvisioner the error-cleanup-provisioner for this build, or null
 * @param postProcessorChains the chains for this build (steps excluded by only/except removed)
 * @param context what run-time rendering of this build's strings sees
 */
record PreparedBuild(
    String name,
    String rawName,
    String type,
    BuilderFactory<?> builder,
    Record builderConfig,
    List<Prepared.Provisioner> provisioners,
    Prepared.Provisioner errorCleanupProvisioner,
    List<List<Prepared.PostProcessor>> postProcessorChains,
    RenderContext context) {
  public PreparedBuild {
    provisioners = List.copyOf(provisioners);
    postProcessorChains = postProcessorChains.stream().map(List::copyOf).toList();
  }
}
