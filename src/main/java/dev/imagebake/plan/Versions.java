package dev.imagebake.plan;

/** imagebake's version, and the Packer version whose JSON templates it runs. */
public final class Versions {
  /**
   * The Packer release imagebake matches. {@code min_packer_version} is compared with it and {@code
   * {{packer_version}}} returns it, so templates written for Packer keep working.
   */
  public static final String PACKER_COMPATIBLE = "1.6.6";

  private Versions() {}

  /** imagebake's own version, from the jar manifest. */
  public static String imagebake() {
    String v = Versions.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }
}
