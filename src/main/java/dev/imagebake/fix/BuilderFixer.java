package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * The common shape of Packer's builder fixers: decode the builders ({@link GoDecode#builders}),
 * then change each builder the fixer takes.
 */
abstract class BuilderFixer implements Fixer {
  /**
   * Whether the fixer changes builders of this type (null: the builder has no type, or not a
   * string).
   */
  abstract boolean takes(String type);

  /** Changes one builder in place. */
  abstract void fixBuilder(Map<String, Object> builder) throws FixException;

  @Override
  public final void fix(Map<String, Object> template) throws FixException {
    List<Map<String, Object>> builders = GoDecode.builders(template);
    if (builders == null) {
      return;
    }
    for (Map<String, Object> builder : builders) {
      // A null builder is Go's nil map: nothing to read, and no fixer writes to one.
      if (builder != null && takes(GoDecode.string(builder.get("type")))) {
        fixBuilder(builder);
      }
    }
  }
}
