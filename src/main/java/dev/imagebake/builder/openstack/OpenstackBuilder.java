package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import dev.imagebake.sdk.steps.StepConnect;
import dev.imagebake.sdk.steps.StepProvision;
import dev.imagebake.sdk.steps.StepSucceeded;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The openstack builder: Packer 1.6.6's step sequence (reference §5.6). */
final class OpenstackBuilder implements Builder {
  private final OpenstackConfig config;
  private final OsTuning tuning;

  OpenstackBuilder(OpenstackConfig config, OsTuning tuning) {
    this.config = config;
    this.tuning = tuning;
  }

  /** Packer's Prepare: a temporary key pair unless the user brings a key or a password. */
  private String temporaryKeyPairName() {
    var ssh = config.comm().ssh();
    if (ssh == null) {
      return null;
    }
    if (!StepNovaKeyPair.blank(ssh.temporaryKeyPairName())) {
      return ssh.temporaryKeyPairName();
    }
    if (StepNovaKeyPair.blank(ssh.sshKeypairName())
        && StepNovaKeyPair.blank(ssh.sshPrivateKeyFile())
        && StepNovaKeyPair.blank(ssh.sshPassword())) {
      return "packer_" + UUID.randomUUID();
    }
    return null;
  }

  List<Step> steps(ProvisionHook hook) {
    OsRunConfig run = config.run();
    String volumeName =
        StepNovaKeyPair.blank(run.volumeName()) ? "packer_" + UUID.randomUUID() : run.volumeName();
    String serverName =
        StepNovaKeyPair.blank(run.instanceName()) ? config.image().imageName() : run.instanceName();
    return List.of(
        new StepLoadFlavor(run.flavor()),
        new StepNovaKeyPair(config.comm(), temporaryKeyPairName()),
        new StepImportSourceImage(run, "packer_" + UUID.randomUUID()),
        new StepSourceImageInfo(run),
        new StepDiscoverNetwork(run),
        new StepCreateVolume(run, volumeName),
        new StepRunSourceServer(run, serverName),
        new StepWaitForRackConnect(run),
        new StepAllocateIp(run),
        new StepConnect(config.comm(), state -> ServerAddress.target(state, run)),
        new StepProvision(hook),
        new StepStopServer(),
        new StepDetachVolume(run, volumeName),
        new StepCreateImage(config.image(), run),
        new StepUpdateImage(config.image()),
        new StepSucceeded());
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    OsCredentials creds =
        OsCredentials.resolve(
            config.access(), ctx.environment(), CloudsYaml.cloud(config.access(), ctx));
    OsClient client;
    try {
      client = OsClient.connect(creds, tuning);
    } catch (OsApiException e) {
      throw new IllegalStateException("Error authenticating with OpenStack: " + e.getMessage(), e);
    }
    StateBag state = new StateBag();
    state.put(OsState.CLIENT, client);
    state.put(OsState.WAITS, new OsWaits(tuning, ctx.cancellation()));
    ctx.runSteps(steps(hook), state);
    String image = state.find(OsState.IMAGE_ID).orElse(null);
    if (image == null || !state.find(StateKeys.SUCCEEDED).orElse(false)) {
      return null;
    }
    Map<String, String> generated = state.find(StateKeys.BUILD_DATA).orElse(Map.of());
    return new OsImageArtifact(image, generated, () -> client);
  }
}
