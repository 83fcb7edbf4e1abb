package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.Secret;
import java.time.Duration;
import java.util.List;

/** The {@code digitalocean} block: Packer 1.6.6's keys (reference §5.5), communicator keys flat. */
public record DigitalOceanConfig(
    @Doc(
            "The API token; default: the environment variable DIGITALOCEAN_API_TOKEN (then"
                + " DIGITALOCEAN_ACCESS_TOKEN).")
        @Secret
        String apiToken,
    @Doc(
            "A DigitalOcean-compatible API endpoint to use instead of"
                + " https://api.digitalocean.com/; default: DIGITALOCEAN_API_URL.")
        String apiUrl,
    @Doc("The region (slug) to create the droplet in, e.g. nyc3.") String region,
    @Doc("The droplet size (slug), e.g. s-1vcpu-1gb.") String size,
    @Doc("The base image: a slug (ubuntu-20-04-x64) or a numeric image id.") String image,
    @Doc("Enable private networking for the droplet (default false).") Boolean privateNetworking,
    @Doc("Enable monitoring for the droplet (default false).") Boolean monitoring,
    @Doc("Enable IPv6 for the droplet (default false).") Boolean ipv6,
    @Doc("The snapshot's name (default packer-{{timestamp}}).") String snapshotName,
    @Doc("Regions to transfer the snapshot to, besides region.") List<String> snapshotRegions,
    @Doc("How long to wait for the droplet to reach a state, e.g. active (default 6m).")
        Duration stateTimeout,
    @Doc("How long to wait for the snapshot action (default 60m).") Duration snapshotTimeout,
    @Doc("The droplet's name, which becomes its hostname (default packer-<uuid>).")
        String dropletName,
    @Doc("User data to launch the droplet with.") String userData,
    @Doc("A file whose contents are the user data.") String userDataFile,
    @Doc("Tags to apply to the droplet.") List<String> tags,
    @Doc("The VPC to create the droplet in (needs private_networking).") String vpcUuid,
    @Doc("Connect to the droplet's private IPv4 address (needs private_networking).")
        Boolean connectWithPrivateIp,
    @Embedded CommunicatorConfig comm)
    implements UsesCommunicator {

  static final Duration DEFAULT_STATE_TIMEOUT = Duration.ofMinutes(6);
  static final Duration DEFAULT_SNAPSHOT_TIMEOUT = Duration.ofMinutes(60);

  public DigitalOceanConfig {
    snapshotRegions = snapshotRegions == null ? List.of() : List.copyOf(snapshotRegions);
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  Duration stateTimeoutOrDefault() {
    return stateTimeout == null || stateTimeout.isZero() ? DEFAULT_STATE_TIMEOUT : stateTimeout;
  }

  Duration snapshotTimeoutOrDefault() {
    return snapshotTimeout == null || snapshotTimeout.isZero()
        ? DEFAULT_SNAPSHOT_TIMEOUT
        : snapshotTimeout;
  }

  boolean privateNetworkingOn() {
    return Boolean.TRUE.equals(privateNetworking);
  }

  boolean connectWithPrivateIpOn() {
    return Boolean.TRUE.equals(connectWithPrivateIp);
  }

  /** Never shows the token, only whether it is set. */
  @Override
  public String toString() {
    return "DigitalOceanConfig[region="
        + region
        + ", size="
        + size
        + ", image="
        + image
        + ", apiUrl="
        + apiUrl
        + ", apiToken="
        + (apiToken == null ? "unset" : "set")
        + "]";
  }
}
