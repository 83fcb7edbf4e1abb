package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;

/** The {@code vagrant} post-processor's keys (reference §7.4). */
@Doc(
    "Wraps the artifact in a Vagrant box: libvirt boxes from qemu artifacts, aws boxes from"
        + " amazon-ebs artifacts.")
public record VagrantConfig(
    @Embedded BoxSettings settings,
    @Doc("Per-provider settings replacing the top-level ones.") VagrantOverrides override,
    @Doc(
            "The provider of the box, whatever made the artifact (needed for artifacts of"
                + " artifice). One of "
                + Providers.KNOWN_TEXT
                + ".")
        String providerOverride) {

  /** The settings for {@code provider}: the top-level ones with its override laid over them. */
  BoxSettings settingsFor(String provider) {
    BoxSettings base = settings == null ? new BoxSettings(null, null, null, null, null) : settings;
    return base.overriddenBy(override == null ? null : override.of(provider));
  }
}
