package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Key;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Packer's {@code stepCreateSSHKey}: makes an RSA key pair and registers its public half as an
 * account key named {@code packer-<uuid>}. The name is recorded before the call, so the cleanup
 * finds and deletes the key even when the answer was lost. The private key stays in memory (and in
 * {@code do_<build>.pem} with {@code -debug}, as Packer), registered as a secret. Produces {@link
 * DoState#SSH_KEY}.
 */
final class StepDropletSshKey implements Step {
  private final Future<RsaKeys.Pair> key;

  /** {@code key}: the pair, being made since the build started ({@link RsaKeys#generateAhead}). */
  StepDropletSshKey(Future<RsaKeys.Pair> key) {
    this.key = key;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    ctx.ui().say("Creating temporary ssh key for droplet...");
    RsaKeys.Pair pair = RsaKeys.await(key);
    String pem = pair.privateKeyPem();
    ctx.addSecret(pem);
    pem.lines().filter(l -> l.length() > 16 && !l.startsWith("-----")).forEach(ctx::addSecret);
    String name = "packer-" + UUID.randomUUID();
    state.put(DoState.SSH_KEY, new TempSshKey(0, name, pem));
    ctx.resources().created(DoResources.key(name));
    DoClient api = Api.of(ctx, state);
    Key key;
    try {
      key = api.createOnce(() -> api.createKey(name, pair.publicKeyLine()), () -> find(api, name));
    } catch (RuntimeException e) {
      throw Api.fail("Error creating temporary SSH key: ", e);
    }
    state.put(DoState.SSH_KEY, new TempSshKey(key.id(), name, pem));
    ctx.resources().replace(DoResources.key(name), DoResources.key(key.id(), name), null);
    if (ctx.debug()) {
      Path file = ctx.workingDirectory().resolve("do_" + ctx.buildName() + ".pem");
      ctx.ui().message("Saving key for debug purposes: " + file.getFileName());
      Files.writeString(file, pem);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static Optional<Key> find(DoClient api, String name) {
    return api.keys().stream().filter(k -> name.equals(k.name())).findFirst();
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    TempSshKey key = state.find(DoState.SSH_KEY).orElse(null);
    if (key == null) {
      return;
    }
    DoClient api = Api.of(ctx, state);
    long id = key.id();
    try {
      if (id == 0) {
        // The answer was lost: the key may exist all the same.
        Optional<Key> found = find(api, key.name());
        if (found.isEmpty()) {
          ctx.resources().deleted(DoResources.key(key.name()));
          return;
        }
        id = found.get().id();
      }
      ctx.ui().say("Deleting temporary ssh key...");
      long keyId = id;
      Api.delete(() -> api.deleteKey(keyId));
      ctx.resources().deleted(DoResources.key(key.name()));
      ctx.resources().deleted(DoResources.key(keyId, key.name()));
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Error cleaning up ssh key. Please delete the key manually: "
                  + key.name()
                  + " ("
                  + e.getMessage()
                  + ")");
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "stepCreateSSHKey";
  }
}
