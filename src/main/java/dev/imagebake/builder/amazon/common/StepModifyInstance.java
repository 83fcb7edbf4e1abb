package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Sets SR-IOV and ENA on the stopped instance when {@code sriov_support}/{@code ena_support}. */
public final class StepModifyInstance implements Step {
  private final AmiConfig ami;

  public StepModifyInstance(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    String id = state.require(AmazonState.INSTANCE_ID);
    try {
      if (Boolean.TRUE.equals(ami.sriovSupport())) {
        ctx.ui().say("Enabling Enhanced Networking (SR-IOV)...");
        ec2.modifyInstanceAttribute(b -> b.instanceId(id).sriovNetSupport(v -> v.value("simple")));
      }
      if (ami.enaSupport() != null) {
        ctx.ui()
            .say((ami.enaSupport() ? "Enabling" : "Disabling") + " Enhanced Networking (ENA)...");
        ec2.modifyInstanceAttribute(
            b -> b.instanceId(id).enaSupport(v -> v.value(ami.enaSupport())));
      }
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Error enabling Enhanced Networking on " + id + ": " + AwsErrors.describe(e), e);
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepModifyEBSBackedInstance";
  }
}
