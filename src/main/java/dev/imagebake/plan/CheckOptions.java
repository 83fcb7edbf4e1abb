package dev.imagebake.plan;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the command line says about checking a template.
 *
 * @param vars {@code -var} arguments in order ({@code key=value})
 * @param varFiles {@code -var-file} arguments in order
 * @param only {@code -only} build names (rendered names); empty for all; empty names dropped
 * @param except {@code -except} names: builds to skip (post-processor names are the engine's)
 * @param syntaxOnly stop after parsing ({@code -syntax-only})
 * @param env the environment {@code {{env}}} reads
 * @param workingDir what relative paths resolve against
 * @param stdin read for a template named {@code -}
 * @param instant the one build-wide instant behind {@code timestamp} and {@code isotime}
 */
public record CheckOptions(
    List<String> vars,
    List<Path> varFiles,
    List<String> only,
    List<String> except,
    boolean syntaxOnly,
    Map<String, String> env,
    Path workingDir,
    InputStream stdin,
    Instant instant) {
  public CheckOptions {
    vars = List.copyOf(vars);
    varFiles = List.copyOf(varFiles);
    only = named(only);
    except = named(except);
  }

  /** An empty name selects nothing: {@code -except=$EMPTY} in a CI script means no filter. */
  private static List<String> named(List<String> names) {
    List<String> kept = new ArrayList<>();
    for (String name : names) {
      if (!name.isEmpty()) {
        kept.add(name);
      }
    }
    return List.copyOf(kept);
  }
}
