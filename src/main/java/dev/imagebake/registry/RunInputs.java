package dev.imagebake.registry;

import dev.imagebake.template.Template;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What a build run starts from, as the registry records it.
 *
 * @param bucket the bucket to record into
 * @param templateFile the template file (not stdin)
 * @param template its parsed blocks (for the local files they name and the images they start from)
 * @param varFiles the {@code -var-file}s, in order
 * @param variables the resolved variables without the sensitive ones
 * @param workingDir where relative paths resolve
 * @param labels {@code --label}s
 * @param who the user running the build
 * @param host the machine it runs on
 * @param mask masks secrets in error texts
 */
public record RunInputs(
    String bucket,
    Path templateFile,
    Template template,
    List<Path> varFiles,
    Map<String, String> variables,
    Path workingDir,
    Map<String, String> labels,
    String who,
    String host,
    String imagebakeVersion,
    UnaryOperator<String> mask) {
  public RunInputs {
    varFiles = List.copyOf(varFiles);
    variables = Map.copyOf(variables);
    labels = Map.copyOf(labels);
  }
}
