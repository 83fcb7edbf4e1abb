package dev.imagebake.plan;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.SourceLines;
import dev.imagebake.template.LoadedTemplate;
import dev.imagebake.template.ResolvedVariables;
import dev.imagebake.ui.SecretFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The outcome of checking one template: every problem found, and when there are none, the builds
 * ready to run.
 *
 * @param file the template as named on the command line
 * @param loaded the parsed template
 * @param variables resolved variables, or null when parsing failed or {@code -syntax-only}
 * @param diagnostics every problem, in file order, without duplicates
 * @param builds the selected builds, all bound (empty when there are errors)
 * @param secrets values to mask in every output
 */
public record CheckedTemplate(
    Path file,
    LoadedTemplate loaded,
    ResolvedVariables variables,
    List<Diagnostic> diagnostics,
    List<PreparedBuild> builds,
    Set<String> secrets) {
  public CheckedTemplate {
    diagnostics = List.copyOf(diagnostics);
    builds = List.copyOf(builds);
    secrets = Set.copyOf(secrets);
  }

  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  /**
   * Source lines of the template, for caret snippets. Never a var-file's: var-files hold secrets
   * (and a file that is not JSON may hold anything), so errors in them give the position only.
   */
  public SourceLines sourceLines() {
    return SourceLines.of(List.of(loaded.locations()));
  }

  /** Replaces every secret in {@code text} with {@code <sensitive>}. */
  public String mask(String text) {
    return new SecretFilter(secrets).mask(text, PublicWords.of(loaded.template()));
  }

  /** The names of the selected builds, in template order. */
  public List<String> buildNames() {
    return builds.stream().map(PreparedBuild::name).toList();
  }
}
