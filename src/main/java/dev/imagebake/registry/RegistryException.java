package dev.imagebake.registry;

/**
 * A registry problem the user can act on (unknown bucket, revoked version, unreachable database):
 * its message is one line, without secrets, ready to print after {@code imagebake: }.
 */
public final class RegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean usage;

  RegistryException(String message) {
    this(message, false, null);
  }

  RegistryException(String message, boolean usage, Throwable cause) {
    super(message, cause);
    this.usage = usage;
  }

  /** A problem with the data: no such version, a revoked channel, an ambiguous query (exit 1). */
  public static RegistryException failed(String message) {
    return new RegistryException(message);
  }

  /** A wrong command line or configuration (exit 2). */
  public static RegistryException usage(String message) {
    return new RegistryException(message, true, null);
  }

  /** Whether the command line or the configuration is wrong (exit 2) rather than the data (1). */
  public boolean usage() {
    return usage;
  }
}
