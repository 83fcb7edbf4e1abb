package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * Connects to the instance through the build's connector, at the address {@code ssh_interface}
 * names (default: the public IP in a VPC, falling back to the private IP; else the public DNS
 * name), with the temporary key. Produces {@link AmazonState#COMMUNICATOR} and {@link
 * AmazonState#BUILD_DATA}; the cleanup closes the connection.
 */
public final class StepConnect implements Step {
  private static final int ADDRESS_ATTEMPTS = 3;

  private final CommunicatorConfig comm;
  private final RunConfig run;

  public StepConnect(CommunicatorConfig comm, RunConfig run) {
    this.comm = comm;
    this.run = run;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    String id = state.require(AmazonState.INSTANCE_ID);
    String host = null;
    boolean ssh = comm != null && comm.type().equals("ssh");
    if (ssh) {
      for (int attempt = 1; attempt <= ADDRESS_ATTEMPTS; attempt++) {
        Instance instance = state.require(AmazonState.INSTANCE);
        host = host(instance, run.sshInterface(), attempt == ADDRESS_ATTEMPTS);
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
    int port = comm != null && comm.ssh() != null ? comm.ssh().port() : 22;
    Map<String, String> data = new LinkedHashMap<>();
    state.find(AmazonState.TEMPLATE_DATA).ifPresent(t -> data.putAll(t.generated()));
    data.put("ID", id);
    data.put("Host", host == null ? "" : host);
    data.put("Port", Integer.toString(port));
    data.put(
        "User",
        comm != null && comm.ssh() != null && comm.ssh().sshUsername() != null
            ? comm.ssh().sshUsername()
            : "");
    data.put("ConnType", comm == null ? "ssh" : comm.type());
    data.put("PackerRunUUID", ctx.runUuid());
    state.put(AmazonState.BUILD_DATA, new BuildData(data));
    Communicator communicator = ctx.connector().connect(comm, new ConnectTarget(host, 0, pem), ctx);
    state.put(AmazonState.COMMUNICATOR, communicator);
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

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.find(AmazonState.COMMUNICATOR).ifPresent(Communicator::close);
    state.remove(AmazonState.COMMUNICATOR);
  }
}
