package dev.imagebake.builder.digitalocean;

/**
 * A failed API call, worded as godo words it ({@code POST https://.../v2/droplets: 422 (request
 * "id") message}). Never holds the token: only the method, the URL and the answer's message.
 */
final class DoApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean outcomeUnknown;

  /**
   * @param status the HTTP status, or 0 when no answer came
   * @param outcomeUnknown whether the call may have taken effect (no answer, or a 5xx)
   */
  DoApiException(String message, int status, boolean outcomeUnknown, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.outcomeUnknown = outcomeUnknown;
  }

  int status() {
    return status;
  }

  boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  boolean notFound() {
    return status == 404;
  }
}
