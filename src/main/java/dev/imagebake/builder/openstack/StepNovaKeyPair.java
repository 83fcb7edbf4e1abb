package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.nio.file.Files;

/**
 * The SSH key (Packer's StepKeyPair): the user's file, the agent, a password, or a temporary Nova
 * key pair {@code temporaryName} whose private key Nova generates. The name is recorded before the
 * call, so the cleanup deletes the pair even when the answer was lost. Produces {@link
 * OsState#KEY}.
 */
final class StepNovaKeyPair implements Step {
  private final CommunicatorConfig comm;
  private final String temporaryName;

  /**
   * @param temporaryName the temporary key pair's name, or null when none is made (Packer's Prepare
   *     decides: no ssh_keypair_name, ssh_private_key_file nor ssh_password)
   */
  StepNovaKeyPair(CommunicatorConfig comm, String temporaryName) {
    this.comm = comm;
    this.temporaryName = temporaryName;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    SshConfig ssh = comm.ssh();
    if (!comm.type().equals("ssh") || ssh == null) {
      return;
    }
    if (!blank(ssh.sshPrivateKeyFile())) {
      ctx.ui().say("Using existing SSH private key");
      String pem = Files.readString(ctx.localPath(ssh.sshPrivateKeyFile()));
      state.put(OsState.KEY, new OsState.SshKey(ssh.sshKeypairName(), false, pem));
      return;
    }
    if (ssh.agentAuth() && blank(ssh.sshKeypairName())) {
      ctx.ui().say("Using SSH Agent with key pair in Source image");
      return;
    }
    if (ssh.agentAuth()) {
      ctx.ui().say("Using SSH Agent for existing key pair " + ssh.sshKeypairName());
      return;
    }
    if (temporaryName == null) {
      ctx.ui().say("Not using temporary keypair");
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    state.put(OsState.KEY, new OsState.SshKey(temporaryName, true, null));
    ctx.resources().created(OsResources.keyPair(temporaryName));
    ctx.ui().say("Creating temporary keypair: " + temporaryName + " ...");
    String pem;
    try {
      pem =
          client
              .post(OsService.COMPUTE, "/os-keypairs", obj("keypair", obj("name", temporaryName)))
              .body()
              .path("keypair")
              .path("private_key")
              .asString("");
    } catch (OsApiException e) {
      throw new IllegalStateException("Error creating temporary keypair: " + e.getMessage(), e);
    }
    if (pem.isEmpty()) {
      throw new IllegalStateException("The temporary keypair returned was blank");
    }
    ctx.addSecret(pem);
    pem.lines().filter(l -> l.length() > 16 && !l.startsWith("-----")).forEach(ctx::addSecret);
    ctx.ui().say("Created temporary keypair: " + temporaryName);
    state.put(OsState.KEY, new OsState.SshKey(temporaryName, true, pem));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    OsState.SshKey key = state.find(OsState.KEY).orElse(null);
    if (key == null || !key.temporary()) {
      return;
    }
    OsClient client = state.require(OsState.CLIENT);
    ctx.ui().say("Deleting temporary keypair: " + key.keyPairName() + " ...");
    try {
      client.delete(OsService.COMPUTE, "/os-keypairs/" + StepLoadFlavor.enc(key.keyPairName()));
      ctx.resources().deleted(OsResources.keyPair(key.keyPairName()));
    } catch (OsApiException e) {
      if (e.notFound()) {
        ctx.resources().deleted(OsResources.keyPair(key.keyPairName()));
        return;
      }
      ctx.ui()
          .error(
              "Error cleaning up keypair. Please delete the key manually: "
                  + key.keyPairName()
                  + " ("
                  + e.getMessage()
                  + ")");
    }
  }

  static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepKeyPair";
  }
}
