package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Where to connect (Packer's {@code SSHHost}): the address {@code ssh_interface} names, by default
 * the public IP in a VPC (the private IP on the last try) or else the public DNS name, described
 * again up to 3 times while EC2 has not assigned it; with the temporary key. Produces {@link
 * AmazonState#CONNECT_TARGET} for the engine's connect step, and the build data {@code ID} and the
 * source AMI's fields ({@code {{build `SourceAMI`}}}).
 */
public final class StepInstanceAddress implements Step {
  private static final int ADDRESS_ATTEMPTS = 3;

  private final CommunicatorConfig comm;
  private final RunConfig run;

  public StepInstanceAddress(CommunicatorConfig comm, RunConfig run) {
    this.comm = comm;
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    String id = state.require(AmazonState.INSTANCE_ID);
    Map<String, String> data = new LinkedHashMap<>();
    state.find(AmazonState.TEMPLATE_DATA).ifPresent(t -> data.putAll(t.generated()));
    data.put("ID", id);
    StateKeys.addBuildData(state, data);
    String host = null;
    if (comm != null && comm.type().equals("ssh")) {
      Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
      for (int attempt = 1; attempt <= ADDRESS_ATTEMPTS; attempt++) {
        host =
            host(
                state.require(AmazonState.INSTANCE),
                run.sshInterface(),
                attempt == ADDRESS_ATTEMPTS);
        if (host != null && !host.isEmpty()) {
          break;
        }
        state.require(AmazonState.WAITS).pause();
        state.put(
            AmazonState.INSTANCE,
            ec2.describeInstances(b -> b.instanceIds(id)).reservations().get(0).instances().get(0));
      }
      if (host == null || host.isEmpty()) {
        throw new IllegalStateException("couldn't determine address for instance " + id);
      }
    }
    String pem = state.find(AmazonState.KEY_PAIR).map(TempKeyPair::privateKeyPem).orElse(null);
    state.put(AmazonState.CONNECT_TARGET, new ConnectTarget(host, 0, pem));
  }

  /** The address {@code sshInterface} names, or Packer's default. */
  static String host(Instance i, String sshInterface, boolean lastTry) {
    if (sshInterface != null && !sshInterface.isEmpty()) {
      return switch (sshInterface) {
        case "public_ip" -> i.publicIpAddress();
        case "private_ip" -> i.privateIpAddress();
        case "public_dns" -> i.publicDnsName();
        case "private_dns" -> i.privateDnsName();
        default -> throw new IllegalStateException("Unknown interface type: " + sshInterface);
      };
    }
    if (i.vpcId() != null && !i.vpcId().isEmpty()) {
      if (i.publicIpAddress() != null && !i.publicIpAddress().isEmpty()) {
        return i.publicIpAddress();
      }
      return lastTry ? i.privateIpAddress() : null;
    }
    return i.publicDnsName();
  }
}
