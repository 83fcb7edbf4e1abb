package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.ConnectTarget;
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
import java.util.concurrent.Future;

/** The digitalocean builder: Packer 1.6.6's step sequence (reference §5.5) on the API v2. */
final class DigitalOceanBuilder implements Builder {
  private final DigitalOceanConfig config;
  private final DoTuning tuning;

  DigitalOceanBuilder(DigitalOceanConfig config, DoTuning tuning) {
    this.config = config;
    this.tuning = tuning;
  }

  /** The steps, in Packer's order (the region check first, as Packer's Run does it). */
  List<Step> steps(ProvisionHook hook, String snapshotName, Future<RsaKeys.Pair> key) {
    boolean named = config.dropletName() != null && !config.dropletName().isEmpty();
    String dropletName = named ? config.dropletName() : "packer-" + UUID.randomUUID();
    return List.of(
        new StepCheckRegions(config),
        new StepDropletSshKey(key),
        new StepCreateDroplet(config, dropletName, !named),
        new StepDropletInfo(config),
        new StepConnect(
            config.comm(),
            state ->
                new ConnectTarget(
                    state.require(DoState.DROPLET_IP),
                    0,
                    state.require(DoState.SSH_KEY).privateKeyPem())),
        new StepProvision(hook),
        new StepDropletShutdown(config),
        new StepDropletPowerOff(config),
        new StepDropletSnapshot(config, snapshotName),
        new StepSucceeded());
  }

  @Override
  public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
    Future<RsaKeys.Pair> key = RsaKeys.generateAhead();
    Map<String, String> env = ctx.environment();
    String token = ApiToken.resolve(config.apiToken(), env::get);
    if (token == null) {
      throw new IllegalStateException("api_token for auth must be specified");
    }
    ctx.addSecret(token);
    String url = ApiToken.url(config.apiUrl(), env::get);
    String problem = ApiUrl.problem(url);
    if (problem != null) {
      throw new IllegalStateException("DigitalOcean: Invalid API URL, " + problem + ".");
    }
    DoClient client = DoClient.create(url, token, tuning);
    String snapshotName =
        config.snapshotName() == null || config.snapshotName().isEmpty()
            ? ctx.renderer().render("packer-{{timestamp}}", Map.of(), Map.of())
            : config.snapshotName();
    StateBag state = new StateBag();
    state.put(DoState.CLIENT, client);
    ctx.runSteps(steps(hook, snapshotName, key), state);
    MadeSnapshot snapshot = state.find(DoState.SNAPSHOT).orElse(null);
    if (snapshot == null) {
      return null;
    }
    return new DigitalOceanArtifact(
        snapshot, state.find(StateKeys.BUILD_DATA).orElse(Map.of()), () -> client);
  }
}
