package dev.imagebake.builder.openstack;

/**
 * An OpenStack API answered an error, or did not answer. The message is what the service said, e.g.
 * {@code Expected HTTP response code [200] when accessing [GET .../flavors/m1], but got 404
 * instead: Flavor m1 could not be found.}; never a credential.
 */
final class OsApiException extends RuntimeException {
  private final int status;

  OsApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  OsApiException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status, or 0 when no answer came. */
  int status() {
    return status;
  }

  boolean notFound() {
    return status == 404;
  }
}
