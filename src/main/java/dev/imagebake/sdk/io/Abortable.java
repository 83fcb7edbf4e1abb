package dev.imagebake.sdk.io;

/** A compressing stream that can be dropped without finishing it (on failure or interrupt). */
public interface Abortable {
  /** Releases threads and native memory; writes nothing more. */
  void abort();
}
