package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The launch parameters the on-demand launch (RunInstances) and the spot launch (a launch template)
 * both send, gathered once from the {@code run_*} keys and the earlier steps' state; each launch
 * only puts them in its request's shape.
 *
 * @param userData base64, or null
 * @param keyName the temporary or given key pair, or null
 * @param groups the security group ids
 */
record LaunchParameters(
    String imageId,
    String userData,
    String keyName,
    String iamInstanceProfile,
    Map<String, String> tags,
    Map<String, String> volumeTags,
    NetworkInfo network,
    List<String> groups) {

  /** Checks the source image, then gathers the parameters (announcing the instance tags). */
  static LaunchParameters of(BuildContext ctx, StateBag state, RunConfig run) throws IOException {
    Image image = state.require(AmazonState.SOURCE_IMAGE);
    LaunchSpec.requireEbsRoot(image);
    Map<String, String> tags = LaunchSpec.instanceTags(ctx, state, run);
    Map<String, String> volumeTags = Render.tags(ctx, state, run.runVolumeTags());
    NetworkInfo network = state.find(AmazonState.NETWORK).orElse(new NetworkInfo(null, null, null));
    List<String> groups = state.find(AmazonState.GROUPS).map(SecurityGroups::ids).orElse(List.of());
    return new LaunchParameters(
        image.imageId(),
        LaunchSpec.userData(ctx, run),
        state.find(AmazonState.KEY_PAIR).map(TempKeyPair::name).orElse(null),
        ConfigRules.blank(run.iamInstanceProfile()) ? null : run.iamInstanceProfile(),
        tags,
        volumeTags,
        network,
        groups);
  }

  /**
   * The tag specifications in the request's shape: the instance's, and the volumes' when there are
   * volume tags.
   */
  <T> List<T> tagSpecifications(BiFunction<ResourceType, List<Tag>, T> specification) {
    List<T> specs = new ArrayList<>();
    specs.add(specification.apply(ResourceType.INSTANCE, Render.sdkTags(tags)));
    if (!volumeTags.isEmpty()) {
      specs.add(specification.apply(ResourceType.VOLUME, Render.sdkTags(volumeTags)));
    }
    return specs;
  }

  /**
   * Whether the launch names its own network interface (to choose the public IP): only when {@code
   * associate_public_ip_address} is set and there is a subnet; else the subnet and groups go on the
   * request itself.
   */
  boolean ownNetworkInterface(RunConfig run) {
    return run.associatePublicIpAddress() != null && network.subnetId() != null;
  }
}
