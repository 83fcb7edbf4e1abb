package dev.imagebake.postprocessor.compress;

/** A compressing stream that can be dropped without finishing it (on failure or interrupt). */
interface Abortable {
  /** Releases threads and native memory; writes nothing more. */
  void abort();
}
