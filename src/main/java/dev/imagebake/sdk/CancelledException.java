package dev.imagebake.sdk;

/** Thrown by a component that stopped because its {@link Cancellation} fired. */
public final class CancelledException extends RuntimeException {
  public CancelledException(String reason) {
    super(reason);
  }
}
