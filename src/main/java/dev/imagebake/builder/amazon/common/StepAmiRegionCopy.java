package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Copies the new AMI to {@code ami_regions} (CopyImage sent to each destination region), with
 * encryption and KMS keys; with an intermediary AMI (encrypt_boot, skip_save_build_region) also
 * into the build region, and deletes the intermediary afterwards. Each copy is recorded in {@link
 * AmazonState#IMAGES} before it is requested, so a failure rolls it back.
 */
public final class StepAmiRegionCopy implements Step {
  private final AmiConfig ami;

  public StepAmiRegionCopy(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (Boolean.TRUE.equals(ami.skipCreateAmi())) {
      return;
    }
    AwsSession session = state.require(AmazonState.SESSION);
    String build = session.buildRegion();
    MadeImage source =
        state.require(AmazonState.IMAGES).images().stream()
            .filter(i -> i.region().equals(build))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no AMI to copy"));
    Set<String> targets = new LinkedHashSet<>();
    if (source.intermediary() && !Boolean.TRUE.equals(ami.skipSaveBuildRegion())) {
      targets.add(build);
    }
    for (String r : ConfigRules.nonNull(ami.amiRegions())) {
      if (!r.equals(build)) {
        targets.add(r);
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    String name = Render.string(ctx, state, ami.amiName());
    String description = Render.string(ctx, state, ami.amiDescription());
    Map<String, String> kms = ami.regionKmsKeyIds() == null ? Map.of() : ami.regionKmsKeyIds();
    ctx.ui().say("Copying/Encrypting AMI (" + source.id() + ") to other regions...");
    List<MadeImage> copies = new ArrayList<>();
    for (String region : targets) {
      ctx.ui().message("Copying to: " + region);
      MadeImage copy = new MadeImage(region, name, null, false);
      state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).with(copy));
      ctx.resources().created(Ec2Resources.image(copy));
      String kmsKey = kms.getOrDefault(region, region.equals(build) ? ami.kmsKeyId() : null);
      String id;
      try {
        id =
            session
                .ec2(region)
                .copyImage(
                    b ->
                        b.sourceRegion(build)
                            .sourceImageId(source.id())
                            .name(name)
                            .description(description)
                            .encrypted(ami.encryptBoot())
                            .kmsKeyId(ConfigRules.blank(kmsKey) ? null : kmsKey)
                            .clientToken(UUID.randomUUID().toString()))
                .imageId();
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "Error Copying AMI ("
                + source.id()
                + ") to region ("
                + region
                + "): "
                + AwsErrors.describe(e),
            e);
      }
      ctx.resources().replace(Ec2Resources.image(copy), Ec2Resources.image(copy.withId(id)), null);
      copy = copy.withId(id);
      copies.add(copy);
      state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).with(copy));
    }
    ctx.ui().say("Waiting for all copies to complete...");
    Waits waits = state.require(AmazonState.WAITS);
    for (MadeImage copy : copies) {
      waits.imageAvailable(session.ec2(copy.region()), copy.id());
    }
    if (source.intermediary()) {
      ctx.ui().say("Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots");
      ImageRollback.delete(session.ec2(build), source, ctx.resources());
      state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).without(source));
    }
  }
}
