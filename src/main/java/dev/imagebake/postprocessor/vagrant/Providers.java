package dev.imagebake.postprocessor.vagrant;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Packer's provider table: which builder's artifacts make which provider's boxes. */
final class Providers {
  /** Every provider Packer knows, sorted; what {@code provider_override} accepts. */
  static final List<String> KNOWN =
      List.of(
          "aws",
          "azure",
          "digitalocean",
          "docker",
          "google",
          "hyperv",
          "libvirt",
          "lxc",
          "parallels",
          "scaleway",
          "virtualbox",
          "vmware");

  /** {@link #KNOWN} as one constant string, for documentation. */
  static final String KNOWN_TEXT =
      "aws, azure, digitalocean, docker, google, hyperv, libvirt, lxc, parallels, scaleway,"
          + " virtualbox, vmware";

  /** Packer's {@code builtins}: artifact BuilderId to provider. */
  private static final Map<String, String> BY_BUILDER_ID =
      Map.ofEntries(
          Map.entry("mitchellh.amazonebs", "aws"),
          Map.entry("mitchellh.amazon.instance", "aws"),
          Map.entry("mitchellh.virtualbox", "virtualbox"),
          Map.entry("mitchellh.vmware", "vmware"),
          Map.entry("mitchellh.vmware-esx", "vmware"),
          Map.entry("pearkes.digitalocean", "digitalocean"),
          Map.entry("packer.googlecompute", "google"),
          Map.entry("hashicorp.scaleway", "scaleway"),
          Map.entry("packer.parallels", "parallels"),
          Map.entry("MSOpenTech.hyperv", "hyperv"),
          Map.entry("transcend.qemu", "libvirt"),
          Map.entry("ustream.lxc", "lxc"),
          Map.entry("Azure.ResourceManagement.VMImage", "azure"),
          Map.entry("packer.post-processor.docker-import", "docker"),
          Map.entry("packer.post-processor.docker-tag", "docker"),
          Map.entry("packer.post-processor.docker-push", "docker"));

  private Providers() {}

  /** The provider for artifacts of {@code builderId}, if Packer knows one. */
  static Optional<String> forBuilderId(String builderId) {
    return Optional.ofNullable(BY_BUILDER_ID.get(builderId));
  }

  /** The implementation of a known provider; empty for those imagebake cannot box yet. */
  static Optional<BoxProvider> implementation(String provider) {
    return switch (provider) {
      case "libvirt" -> Optional.of(new LibvirtProvider());
      case "aws" -> Optional.of(new AwsProvider());
      default -> Optional.empty();
    };
  }

  /** Why a known provider cannot be boxed. */
  static String notSupported(String provider) {
    return "the vagrant post-processor cannot make '"
        + provider
        + "' boxes in imagebake yet: it makes 'libvirt' boxes (from qemu artifacts) and 'aws'"
        + " boxes (from amazon-ebs artifacts)";
  }
}
