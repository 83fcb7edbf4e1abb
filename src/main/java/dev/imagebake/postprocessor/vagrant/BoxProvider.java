package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.Ui;
import java.nio.file.Path;

/** A Vagrant provider imagebake can make boxes for. */
sealed interface BoxProvider permits LibvirtProvider, AwsProvider {
  /** The provider's name, as Vagrant and {@code provider_override} spell it. */
  String name();

  /** Whether the input artifact is kept unless the user says otherwise (Packer's table). */
  boolean keepsInput();

  /**
   * The provider's Vagrantfile part, metadata and files for {@code artifact}.
   *
   * @param workingDirectory what the artifact's relative file names are resolved against
   * @throws IllegalArgumentException when the artifact lacks what the provider needs
   */
  ProviderBox process(Artifact artifact, Path workingDirectory, Ui ui);
}
