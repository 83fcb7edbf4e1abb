package dev.imagebake.fix;

import java.util.List;

/** Packer 1.6.6's fixers, in the order {@code packer fix} runs them ({@code fix.FixerOrder}). */
final class Fixers {
  static final List<Fixer> ORDER =
      List.of(
          new IsoMd5(),
          new CreateTime(),
          new VirtualBoxGaAttach(),
          new PpVagrantOverride(),
          new VirtualBoxRename(),
          new VmwareRename(),
          new ParallelsHeadless(),
          new ParallelsDeprecations(),
          new SshKeyPath(),
          new SshDisableAgent(),
          new ScalewayAccessKey(),
          new ManifestFilename(),
          new AmazonShutdownBehavior(),
          new AmazonEnhancedNetworking(),
          new AmazonPrivateIp(),
          new AmazonTemporarySecurityCidrs(),
          new DockerEmail(),
          new DockerTagTags(),
          new PowerShellEscapes(),
          new VmwareCompaction(),
          new HypervDeprecations(),
          new HypervVmxcTypo(),
          new HypervCpuAndRam(),
          new CleanImageName(),
          new SpotPriceAutoProduct(),
          new QemuDiskSize(),
          new GalaxyCommand(),
          new CommConfig(),
          new SshWaitTimeout(),
          new VsphereNetworkDisk(),
          new IsoChecksumTypeAndUrl(),
          new QemuHostPort(),
          new AzureExcludeFromLatest(),
          new ProxmoxType());

  private Fixers() {}

  static Fixer named(String name) {
    return ORDER.stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no fixer " + name));
  }
}
