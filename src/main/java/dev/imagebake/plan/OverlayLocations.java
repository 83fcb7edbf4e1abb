package dev.imagebake.plan;

import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import java.nio.file.Path;
import java.util.Map;

/**
 * Locations of a provisioner's config merged with its {@code override} for one build: a key that
 * came from the override is located where the override wrote it.
 */
final class OverlayLocations implements Locations {
  private final Locations base;
  private final String blockPointer;
  private final Map<String, String> overriddenKeys;

  /**
   * @param overriddenKeys key → JSON pointer of the override value that replaced it
   */
  OverlayLocations(Locations base, String blockPointer, Map<String, String> overriddenKeys) {
    this.base = base;
    this.blockPointer = blockPointer;
    this.overriddenKeys = overriddenKeys;
  }

  @Override
  public Path file() {
    return base.file();
  }

  @Override
  public SourceRef valueAt(String pointer) {
    return base.valueAt(redirect(pointer));
  }

  @Override
  public SourceRef keyAt(String pointer) {
    return base.keyAt(redirect(pointer));
  }

  @Override
  public String lineText(int line) {
    return base.lineText(line);
  }

  private String redirect(String pointer) {
    if (!pointer.startsWith(blockPointer + "/")) {
      return pointer;
    }
    String rest = pointer.substring(blockPointer.length() + 1);
    int slash = rest.indexOf('/');
    String key = slash < 0 ? rest : rest.substring(0, slash);
    String target = overriddenKeys.get(key);
    if (target == null) {
      return pointer;
    }
    return slash < 0 ? target : target + rest.substring(slash);
  }
}
