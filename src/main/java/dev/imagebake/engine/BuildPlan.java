package dev.imagebake.engine;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.Renderer;
import java.util.List;
import java.util.Set;

/**
 * One build, checked and ready to run: the template's builder block with its provisioners and
 * post-processor chains, already filtered by their {@code only}/{@code except} and merged with
 * their {@code override} for this build.
 *
 * @param name the rendered build name
 * @param type the builder type
 * @param builder the builder instance for this build
 * @param communicator the builder block's communicator keys
 * @param renderer renders run-time template strings with this build's variables
 * @param provisioners in template order
 * @param errorCleanupProvisioner the template's {@code error-cleanup-provisioner}, or null
 * @param postProcessorChains each chain in template order
 * @param secrets values to mask in every output (sensitive variables, passwords)
 */
public record BuildPlan(
    String name,
    String type,
    Builder builder,
    CommunicatorConfig communicator,
    Renderer renderer,
    List<PlannedProvisioner> provisioners,
    PlannedProvisioner errorCleanupProvisioner,
    List<List<PlannedPostProcessor>> postProcessorChains,
    Set<String> secrets) {
  public BuildPlan {
    provisioners = List.copyOf(provisioners);
    postProcessorChains = postProcessorChains.stream().map(List::copyOf).toList();
    secrets = Set.copyOf(secrets);
  }
}
