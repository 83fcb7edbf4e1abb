package dev.imagebake.cli;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.DiagnosticRenderer;
import dev.imagebake.plan.CheckOptions;
import dev.imagebake.plan.CheckedTemplate;
import dev.imagebake.plan.TemplateChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code imagebake validate}: everything a build would reject, found before any machine starts, for
 * one template or a whole folder of them in one JVM.
 */
@Command(
    name = "validate",
    description = {
      "Check templates without building anything.",
      "Reports every problem with file:line:column; exits 1 if any template is invalid."
    })
final class ValidateCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(
      names = {"-syntax-only", "--syntax-only"},
      description = "Only check that the templates parse.")
  boolean syntaxOnly;

  @Option(
      names = {"--format", "-format"},
      paramLabel = "FORMAT",
      description = "text (default), json or github (GitHub Actions annotations).")
  DiagnosticFormat format = DiagnosticFormat.text;

  @Mixin VariableOptions variables;
  @Mixin SelectionOptions selection;

  @Parameters(
      paramLabel = "TEMPLATE",
      arity = "1..*",
      description =
          "Template files ('-': stdin), or directories: every *.json under one (recursively, but"
              + " HCL2's *.pkr.json) is validated as a template.")
  List<Path> templates;

  ValidateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    TemplateChecker checker = Checking.checker(cli);
    CheckOptions options = Checking.options(cli, variables, selection, syntaxOnly);
    List<Path> files = new ArrayList<>();
    for (Path t : templates) {
      if (!Files.isDirectory(t)) {
        files.add(t);
        continue;
      }
      List<Path> found;
      try {
        found = TemplateDirectory.templates(t);
      } catch (IOException e) {
        cli.err().println("imagebake: cannot read the directory " + t + ": " + e.getMessage());
        return ExitCodes.FAILED;
      }
      if (found.isEmpty()) {
        cli.err().println("imagebake: no *.json template under the directory " + t);
        return ExitCodes.USAGE;
      }
      // Say which files a directory stood for, so a skipped or unexpected one shows.
      cli.err()
          .println(
              t
                  + ": "
                  + found.size()
                  + (found.size() == 1 ? " template: " : " templates: ")
                  + found.stream().map(Path::toString).collect(Collectors.joining(" ")));
      files.addAll(found);
    }
    List<CheckedTemplate> results = new ArrayList<>();
    for (Path t : files) {
      results.add(checker.check(t, options));
    }
    switch (format) {
      case json -> printJson(results);
      case github -> results.forEach(r -> cli.out().print(github(r)));
      case text -> printText(results);
    }
    return results.stream().anyMatch(CheckedTemplate::hasErrors) ? ExitCodes.FAILED : ExitCodes.OK;
  }

  private void printText(List<CheckedTemplate> results) {
    boolean many = results.size() > 1;
    long errors = 0;
    long warnings = 0;
    int invalid = 0;
    for (CheckedTemplate r : results) {
      cli.err().print(DiagnosticRenderer.text(r.sourceLines(), r::mask).render(r.diagnostics()));
      String prefix = many ? r.file() + ": " : "";
      long e = r.errorCount();
      errors += e;
      warnings += r.diagnostics().size() - e;
      if (r.hasErrors()) {
        invalid++;
        cli.out().println(prefix + "invalid: " + e + (e == 1 ? " error" : " errors"));
      } else if (syntaxOnly) {
        cli.out().println(prefix + "Syntax-only check passed. Everything looks okay.");
      } else {
        cli.out().println(prefix + "The configuration is valid.");
      }
    }
    if (many) {
      cli.err()
          .printf(
              "%d templates: %d valid, %d invalid (%d errors, %d warnings)%n",
              results.size(), results.size() - invalid, invalid, errors, warnings);
    }
  }

  private static String github(CheckedTemplate r) {
    return DiagnosticRenderer.github(r::mask).render(r.diagnostics());
  }

  private void printJson(List<CheckedTemplate> results) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("templates");
    boolean valid = true;
    for (CheckedTemplate r : results) {
      ObjectNode t = list.addObject();
      t.put("file", r.file().toString());
      t.put("valid", !r.hasErrors());
      valid &= !r.hasErrors();
      t.set("diagnostics", mapper.readTree(json(r)));
    }
    root.put("valid", valid);
    cli.out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private static String json(CheckedTemplate r) {
    List<Diagnostic> d = r.diagnostics();
    String text = DiagnosticRenderer.json(r::mask).render(d);
    return text.isBlank() ? "[]" : text;
  }
}
