package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Packer 1.6.6's Prepare checks of the openstack builder, offline, with its messages. */
final class OsConfigRules {
  private static final Set<String> ENDPOINT_TYPES =
      Set.of("internal", "internalURL", "admin", "adminURL", "public", "publicURL");
  private static final Set<String> VISIBILITIES =
      Set.of("public", "private", "shared", "community");

  private OsConfigRules() {}

  static void checkAccess(OsAccessConfig a, ConfigCheck check) {
    if (a == null) {
      return;
    }
    if (a.endpointType() != null
        && !a.endpointType().isEmpty()
        && !ENDPOINT_TYPES.contains(a.endpointType())) {
      check.error("endpoint_type", "Invalid endpoint type provided");
    }
    boolean cloud = !blank(a.cloud()) || !blank(check.environment("OS_CLOUD"));
    if (!cloud && blank(a.identityEndpoint()) && blank(check.environment("OS_AUTH_URL"))) {
      check.error("identity_endpoint", "Missing input for argument [auth_url]");
    }
    if (blank(a.cert()) != blank(a.key())) {
      String given = blank(a.cert()) ? "key" : "cert";
      check.warn(
          given,
          "cert and key go together: without "
              + (given.equals("cert") ? "key" : "cert")
              + ", no client certificate is presented (as in Packer)");
    }
  }

  static void checkImage(OsImageConfig c, ConfigCheck check) {
    if (c == null || blank(c.imageName())) {
      check.error("image_name", "An image_name must be specified");
    }
    if (c == null) {
      return;
    }
    if (!blank(c.imageVisibility())
        && !VISIBILITIES.contains(c.imageVisibility().toLowerCase(Locale.ROOT))) {
      check.error("image_visibility", "Unknown visibility value " + c.imageVisibility());
    }
    if (c.imageMinDisk() != null && c.imageMinDisk() < 0) {
      check.error("image_min_disk", "An image min disk size must be greater than or equal to 0");
    }
  }

  static void checkRun(OsRunConfig r, CommunicatorConfig comm, ConfigCheck check) {
    if (r == null) {
      return;
    }
    if (comm != null && comm.ssh() != null && !blank(comm.ssh().sshKeypairName())) {
      if ("winrm".equals(comm.type())) {
        check.error(
            "ssh_keypair_name",
            "A ssh_private_key_file must be provided to retrieve the winrm password when using"
                + " ssh_keypair_name.");
      } else if (blank(comm.ssh().sshPrivateKeyFile()) && !comm.ssh().agentAuth()) {
        check.error(
            "ssh_keypair_name",
            "A ssh_private_key_file must be provided or ssh_agent_auth enabled when"
                + " ssh_keypair_name is specified.");
      }
    }
    boolean filter =
        r.sourceImageFilter() != null
            && r.sourceImageFilter().filters() != null
            && !r.sourceImageFilter().filters().empty();
    List<Boolean> sources =
        List.of(
            !blank(r.sourceImageName()),
            !blank(r.sourceImage()),
            !blank(r.externalSourceImageUrl()),
            filter);
    long set = sources.stream().filter(b -> b).count();
    if (set == 0) {
      check.error(
          "Either a source_image, a source_image_name, an external_source_image_url or"
              + " source_image_filter must be specified");
    } else if (set > 1) {
      check.error(
          "Only one of the options source_image, source_image_name, external_source_image_url, or"
              + " source_image_filter can be specified, not multiple.");
    }
    if (blank(r.flavor())) {
      check.error("flavor", "A flavor must be specified");
    }
    if (!blank(r.sshIpVersion())
        && !r.sshIpVersion().equals("4")
        && !r.sshIpVersion().equals("6")) {
      check.error("ssh_ip_version", "SSH IP version must be either 4 or 6");
    }
    if (r.instanceMetadata() != null) {
      r.instanceMetadata()
          .forEach(
              (k, v) -> {
                if (k.getBytes(StandardCharsets.UTF_8).length > 255) {
                  check.error(
                      "instance_metadata", "Instance metadata key too long (max 255 bytes): " + k);
                }
                if (v != null && v.getBytes(StandardCharsets.UTF_8).length > 255) {
                  check.error(
                      "instance_metadata",
                      "Instance metadata value too long (max 255 bytes): " + v);
                }
              });
    }
    if (!blank(r.userData()) && !blank(r.userDataFile())) {
      check.warn("user_data_file", "user_data_file is used; user_data is ignored (as in Packer)");
    }
    if (comm != null && "winrm".equals(comm.type())) {
      check.error(
          "communicator",
          "imagebake's openstack builder does not implement winrm yet (Packer's StepGetPassword);"
              + " use ssh");
    }
    if (r.networkDiscoveryCidrs() != null) {
      // Packer parses them only when it discovers the network, mid-build; the same message, early.
      for (String cidr : r.networkDiscoveryCidrs()) {
        if (cidr == null || Cidr.parse(cidr).isEmpty()) {
          check.error(
              "network_discovery_cidrs",
              StepDiscoverNetwork.invalid(cidr == null ? "" : cidr).getMessage());
        }
      }
    }
  }

  static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
