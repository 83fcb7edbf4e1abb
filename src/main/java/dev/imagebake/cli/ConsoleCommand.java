package dev.imagebake.cli;

import dev.imagebake.diag.DiagnosticRenderer;
import dev.imagebake.plan.CheckOptions;
import dev.imagebake.plan.ConsoleSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code imagebake console}: Packer's {@code console} for JSON templates. Piped, it evaluates each
 * line (trimmed) and prints each result; on a terminal it prompts with {@code > } until {@code
 * exit} or end of input.
 */
@Command(
    name = "console",
    description = {
      "Creates a console for testing variable interpolation.",
      "With a template, its variables (and -var, -var-file) can be referenced."
    })
final class ConsoleCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin VariableOptions variables;

  @Parameters(
      paramLabel = "TEMPLATE",
      arity = "0..1",
      description = "The template whose variables to use (none: no variables).")
  Path template;

  ConsoleCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws IOException {
    CheckOptions options = Checking.options(cli, variables, new SelectionOptions(), false);
    ConsoleSession.Opened opened = ConsoleSession.open(template, options);
    if (opened.session() == null) {
      cli.err()
          .print(
              DiagnosticRenderer.text(opened.sourceLines(), UnaryOperator.identity())
                  .render(opened.problems()));
      return ExitCodes.FAILED;
    }
    boolean interactive = System.console() != null;
    BufferedReader in =
        new BufferedReader(new InputStreamReader(options.stdin(), StandardCharsets.UTF_8));
    while (true) {
      if (interactive) {
        cli.out().print("> ");
        cli.out().flush();
      }
      String line = in.readLine();
      if (line == null) {
        return ExitCodes.OK;
      }
      ConsoleSession.Evaluation e = opened.session().evaluate(interactive ? line : line.strip());
      if (e.error() != null) {
        // Packer's hcl diagnostic without a severity ("???????"), its detail wrapped at 79.
        cli.err().println("???????: Interpolation error\n\n" + wrap(e.error(), 79) + "\n\n");
        cli.err().flush();
      }
      if (e.exit()) {
        return ExitCodes.OK;
      }
      if (e.error() == null) {
        cli.out().println(e.output());
        cli.out().flush();
      }
    }
  }

  /** go-wordwrap's {@code WrapString}: breaks at the last space before {@code width}. */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      int lineLength = 0;
      boolean first = true;
      for (String word : paragraph.split(" ", -1)) {
        if (!first && lineLength + 1 + word.length() > width) {
          out.append('\n');
          lineLength = 0;
        } else if (!first) {
          out.append(' ');
          lineLength++;
        }
        out.append(word);
        lineLength += word.length();
        first = false;
      }
    }
    return out.toString();
  }
}
