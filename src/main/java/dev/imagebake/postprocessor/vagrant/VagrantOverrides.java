package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.config.Doc;

/**
 * {@code override}: per-provider settings, one key per provider Packer knows. Packer accepts any
 * key and ignores unknown ones and misspelt settings; here both are errors with a suggestion.
 */
@Doc("Settings per provider (aws, libvirt, ...), replacing the top-level ones for that provider.")
public record VagrantOverrides(
    @Doc("Settings for aws boxes.") BoxSettings aws,
    @Doc("Settings for azure boxes (provider not implemented).") BoxSettings azure,
    @Doc("Settings for digitalocean boxes (provider not implemented).") BoxSettings digitalocean,
    @Doc("Settings for docker boxes (provider not implemented).") BoxSettings docker,
    @Doc("Settings for google boxes (provider not implemented).") BoxSettings google,
    @Doc("Settings for hyperv boxes (provider not implemented).") BoxSettings hyperv,
    @Doc("Settings for libvirt boxes.") BoxSettings libvirt,
    @Doc("Settings for lxc boxes (provider not implemented).") BoxSettings lxc,
    @Doc("Settings for parallels boxes (provider not implemented).") BoxSettings parallels,
    @Doc("Settings for scaleway boxes (provider not implemented).") BoxSettings scaleway,
    @Doc("Settings for virtualbox boxes (provider not implemented).") BoxSettings virtualbox,
    @Doc("Settings for vmware boxes (provider not implemented).") BoxSettings vmware) {

  /** The override of {@code provider}, or null. */
  BoxSettings of(String provider) {
    return switch (provider) {
      case "aws" -> aws;
      case "azure" -> azure;
      case "digitalocean" -> digitalocean;
      case "docker" -> docker;
      case "google" -> google;
      case "hyperv" -> hyperv;
      case "libvirt" -> libvirt;
      case "lxc" -> lxc;
      case "parallels" -> parallels;
      case "scaleway" -> scaleway;
      case "virtualbox" -> virtualbox;
      case "vmware" -> vmware;
      default -> null;
    };
  }
}
