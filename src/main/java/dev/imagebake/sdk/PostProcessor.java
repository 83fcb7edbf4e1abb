package dev.imagebake.sdk;

/** Turns one artifact into another (manifest, checksum, compress, vagrant, ...). */
public interface PostProcessor {
  /**
   * @return the new artifact (or {@code input} itself), with whether the input is kept by default
   *     and whether that default overrides a user's {@code keep_input_artifact: false}
   */
  Result postProcess(BuildContext ctx, Artifact input) throws Exception;

  /**
   * Packer's (artifact, keep, forceOverride) tuple.
   *
   * @param artifact the result; null stops the chain silently
   */
  record Result(Artifact artifact, boolean keepInputByDefault, boolean forceKeep) {}
}
