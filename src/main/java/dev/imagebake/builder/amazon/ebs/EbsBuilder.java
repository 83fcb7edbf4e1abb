package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AmazonState;
import dev.imagebake.builder.amazon.common.AwsSession;
import dev.imagebake.builder.amazon.common.AwsTuning;
import dev.imagebake.builder.amazon.common.ConfigRules;
import dev.imagebake.builder.amazon.common.MadeImages;
import dev.imagebake.builder.amazon.common.Polling;
import dev.imagebake.builder.amazon.common.StepAmiRegionCopy;
import dev.imagebake.builder.amazon.common.StepCleanupVolumes;
import dev.imagebake.builder.amazon.common.StepCreateTags;
import dev.imagebake.builder.amazon.common.StepDeregisterAmi;
import dev.imagebake.builder.amazon.common.StepInstanceAddress;
import dev.imagebake.builder.amazon.common.StepKeyPair;
import dev.imagebake.builder.amazon.common.StepModifyAmiAttributes;
import dev.imagebake.builder.amazon.common.StepModifyInstance;
import dev.imagebake.builder.amazon.common.StepNetworkInfo;
import dev.imagebake.builder.amazon.common.StepPreValidate;
import dev.imagebake.builder.amazon.common.StepRunSourceInstance;
import dev.imagebake.builder.amazon.common.StepRunSpotInstance;
import dev.imagebake.builder.amazon.common.StepSecurityGroup;
import dev.imagebake.builder.amazon.common.StepSourceAmiInfo;
import dev.imagebake.builder.amazon.common.StepStopInstance;
import dev.imagebake.builder.amazon.common.StepSucceeded;
import dev.imagebake.builder.amazon.common.TemplateData;
import dev.imagebake.builder.amazon.common.Waits;
import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StepConnect;
import dev.imagebake.sdk.steps.StepProvision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The amazon-ebs builder: Packer's step sequence (reference §5.3.2) on the AWS SDK v2. */
final class EbsBuilder implements Builder {
  private final EbsConfig config;
  private final AwsTuning tuning;

  EbsBuilder(EbsConfig config, AwsTuning tuning) {
    this.config = config;
    this.tuning = tuning;
  }

  /** The steps, in Packer's order. */
  List<Step> steps(ProvisionHook hook) {
    boolean spot = ConfigRules.isSpot(config.run());
    List<Step> steps = new ArrayList<>();
    steps.add(new StepPreValidate(config.access(), config.ami(), config.run()));
    steps.add(new StepSourceAmiInfo(config.run(), config.ami()));
    steps.add(new StepNetworkInfo(config.run()));
    steps.add(new StepKeyPair(config.comm()));
    steps.add(new StepSecurityGroup(config.run(), config.comm()));
    steps.add(new StepCleanupVolumes(config.run()));
    steps.add(
        spot ? new StepRunSpotInstance(config.run()) : new StepRunSourceInstance(config.run()));
    steps.add(new StepInstanceAddress(config.comm(), config.run()));
    steps.add(new StepConnect(config.comm(), state -> state.require(AmazonState.CONNECT_TARGET)));
    steps.add(new StepProvision(hook));
    if (!spot) {
      steps.add(new StepStopInstance(config.run()));
      steps.add(new StepModifyInstance(config.ami()));
    }
    steps.add(new StepDeregisterAmi(config.ami()));
    steps.add(new StepCreateAmi(config.ami()));
    steps.add(new StepAmiRegionCopy(config.ami()));
    steps.add(new StepModifyAmiAttributes(config.ami()));
    steps.add(new StepCreateTags(config.ami()));
    steps.add(new StepSucceeded());
    return steps;
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    Polling polling = Polling.of(config.access().awsPolling());
    try (AwsSession session = new AwsSession(config.access(), tuning)) {
      StateBag state = new StateBag();
      state.put(AmazonState.SESSION, session);
      state.put(AmazonState.WAITS, new Waits(polling, ctx.cancellation()));
      state.put(AmazonState.CLEANUP_WAITS, Waits.forCleanup(polling));
      ctx.runSteps(steps(hook), state);
      Map<String, String> amis = state.find(AmazonState.IMAGES).orElse(MadeImages.none()).finals();
      if (amis.isEmpty()) {
        return null;
      }
      Map<String, String> generated =
          state.find(AmazonState.TEMPLATE_DATA).map(TemplateData::generated).orElse(Map.of());
      return new AmiArtifact(amis, generated, config.access(), tuning);
    }
  }
}
