package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.SshConfig;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.nio.file.Files;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.KeyFormat;
import software.amazon.awssdk.services.ec2.model.KeyType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The SSH key: the user's file, the agent, or a temporary EC2 key pair of {@code
 * temporary_key_pair_type} (rsa or ed25519). The temporary pair's name is recorded before it is
 * created, so the cleanup deletes it even when the answer was lost. Its private key stays in
 * memory, registered as a secret. Produces {@link AmazonState#KEY_PAIR}.
 */
public final class StepKeyPair implements Step {
  private final CommunicatorConfig comm;

  public StepKeyPair(CommunicatorConfig comm) {
    this.comm = comm;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    SshConfig ssh = comm == null ? null : comm.ssh();
    if (comm == null || !comm.type().equals("ssh") || ssh == null) {
      return;
    }
    if (!ConfigRules.blank(ssh.sshPrivateKeyFile())) {
      ctx.ui().say("Using existing SSH private key");
      String pem = Files.readString(ctx.localPath(ssh.sshPrivateKeyFile()));
      state.put(AmazonState.KEY_PAIR, new TempKeyPair(ssh.sshKeypairName(), false, pem));
      return;
    }
    if (ssh.agentAuth()) {
      ctx.ui().say("Using SSH Agent with key pair in source AMI");
      state.put(AmazonState.KEY_PAIR, new TempKeyPair(ssh.sshKeypairName(), false, null));
      return;
    }
    if (!ConfigRules.blank(ssh.sshPassword())) {
      ctx.ui().say("Not using temporary keypair");
      return;
    }
    String name =
        ConfigRules.blank(ssh.temporaryKeyPairName())
            ? "packer_" + UUID.randomUUID()
            : ssh.temporaryKeyPairName();
    String type =
        ConfigRules.blank(ssh.temporaryKeyPairType()) ? "rsa" : ssh.temporaryKeyPairType();
    state.put(AmazonState.KEY_PAIR, new TempKeyPair(name, true, null));
    ctx.ui().say("Creating temporary keypair: " + name);
    CreateKeyPairResponse created;
    try {
      created =
          state
              .require(AmazonState.SESSION)
              .ec2()
              .createKeyPair(
                  b ->
                      b.keyName(name)
                          .keyType(KeyType.fromValue(type))
                          .keyFormat(KeyFormat.PEM)
                          .tagSpecifications(
                              TagSpecification.builder()
                                  .resourceType(ResourceType.KEY_PAIR)
                                  .tags(Render.sdkTags(java.util.Map.of("Name", name)))
                                  .build()));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Error creating temporary keypair: " + AwsErrors.describe(e), e);
    }
    String pem = created.keyMaterial();
    ctx.addSecret(pem);
    pem.lines().filter(l -> l.length() > 16 && !l.startsWith("-----")).forEach(ctx::addSecret);
    state.put(AmazonState.KEY_PAIR, new TempKeyPair(name, true, pem));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    TempKeyPair kp = state.find(AmazonState.KEY_PAIR).orElse(null);
    if (kp == null || !kp.temporary()) {
      return;
    }
    ctx.ui().say("Deleting temporary keypair...");
    try {
      state.require(AmazonState.SESSION).ec2().deleteKeyPair(b -> b.keyName(kp.name()));
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Error cleaning up keypair. Please delete the key manually: "
                  + kp.name()
                  + " ("
                  + AwsErrors.describe(e)
                  + ")");
    }
  }
}
