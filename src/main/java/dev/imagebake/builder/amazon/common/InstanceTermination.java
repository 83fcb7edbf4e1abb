package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.StateBag;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Reservation;

/** The cleanup of a launched instance: find it, remember its volumes, terminate, wait. */
final class InstanceTermination {
  private InstanceTermination() {}

  static void terminate(BuildContext ctx, StateBag state) {
    Ec2Client ec2 = state.require(AmazonState.SESSION).ec2();
    String region = state.require(AmazonState.SESSION).buildRegion();
    String token = state.find(AmazonState.LAUNCH_TOKEN).orElse(null);
    String id = state.find(AmazonState.INSTANCE_ID).orElse(null);
    try {
      if (id == null) {
        id = findByToken(ec2, token);
        if (id == null) {
          if (token != null) {
            ctx.resources().deleted(Ec2Resources.launchingInstance(region, token));
          }
          return;
        }
        state.put(AmazonState.INSTANCE_ID, id);
      }
      // The volume cleanup needs the attached volumes, which a terminated instance no longer lists.
      String instanceId = id;
      ec2.describeInstances(b -> b.instanceIds(instanceId)).reservations().stream()
          .flatMap(r -> r.instances().stream())
          .filter(i -> !i.blockDeviceMappings().isEmpty())
          .findFirst()
          .ifPresent(i -> state.put(AmazonState.INSTANCE, i));
    } catch (RuntimeException e) {
      // Terminate anyway: the describe was only a refresh.
      if (id == null) {
        ctx.ui()
            .error(
                "Error looking up the source instance, it may still be running: "
                    + AwsErrors.describe(e));
        return;
      }
    }
    ctx.ui().say("Terminating the source AWS instance...");
    String instanceId = id;
    try {
      ec2.terminateInstances(b -> b.instanceIds(instanceId));
      if (token != null) {
        ctx.resources().deleted(Ec2Resources.launchingInstance(region, token));
      }
      ctx.resources().deleted(Ec2Resources.instance(region, instanceId));
      state
          .require(AmazonState.CLEANUP_WAITS)
          .cancelledBy(ctx.cancellation())
          .instanceTerminated(ec2, instanceId);
    } catch (CancelledException e) {
      ctx.ui().error("Not waiting for instance " + instanceId + " to terminate (cleanups skipped)");
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Error terminating instance, may still be around: "
                  + instanceId
                  + " ("
                  + AwsErrors.describe(e)
                  + ")");
    }
  }

  private static String findByToken(Ec2Client ec2, String token) {
    if (token == null) {
      return null;
    }
    List<Reservation> found =
        ec2.describeInstances(
                b -> b.filters(Filter.builder().name("client-token").values(token).build()))
            .reservations();
    return found.stream()
        .flatMap(r -> r.instances().stream())
        .map(Instance::instanceId)
        .findFirst()
        .orElse(null);
  }
}
