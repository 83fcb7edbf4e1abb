package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * One of Packer 1.6.6's fixers: rewrites a template decoded as Go does ({@link
 * dev.imagebake.template.GoJsonDecoder}) in place, exactly as Packer's fixer of the same name.
 */
interface Fixer {
  /** Packer's name for it, e.g. {@code iso-md5}. */
  String name();

  /** Packer's one-line description, as {@code fix -h} lists it. */
  String synopsis();

  /**
   * The keys it replaces, by Packer plugin-type glob ({@code *}, {@code *amazon*}), as Packer's
   * {@code DeprecatedOptions}.
   */
  default Map<String, List<String>> deprecatedOptions() {
    return Map.of();
  }

  /**
   * Fixes {@code template} in place.
   *
   * @throws FixException where Packer's fixer returns an error (or crashes)
   */
  void fix(Map<String, Object> template) throws FixException;
}
