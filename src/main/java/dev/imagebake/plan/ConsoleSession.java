package dev.imagebake.plan;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.template.LoadedTemplate;
import dev.imagebake.template.ResolvedVariables;
import dev.imagebake.template.TemplateLoader;
import dev.imagebake.template.Variables;
import dev.imagebake.template.interpolate.RenderContext;
import dev.imagebake.template.interpolate.TemplateException;
import dev.imagebake.template.interpolate.TemplateString;
import dev.imagebake.ui.SecretFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packer's {@code console} for JSON templates: evaluates {@code {{ }}} expressions with a
 * template's user variables ({@code -var} and {@code -var-file} applied) in the context of the
 * template's core (no {@code env}, no build name), with the renderer builds use. Its own words as
 * Packer's: {@code exit}, {@code help}, {@code variables}. Secrets are masked in what it returns.
 */
public final class ConsoleSession {
  /** Packer 1.6.6's console with no template: one null builder, no variables. */
  private static final String TINIEST =
      "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}";

  /** Packer's {@code ConsoleHelp} for JSON templates. */
  static final String HELP =
      """
      The Packer console allows you to experiment with Packer interpolations.
      You may access variables in the Packer config you called the console with.

      Type in the interpolation to test and hit <enter> to see the result.

      "variables" will dump all available variables and their values.

      "{{timestamp}}" will output the timestamp, for example "1559855090".

      To exit the console, type "exit" and hit <enter>, or use Control-C.

      /!\\ If you would like to start console in hcl2 mode without a config you can
      use the --config-type=hcl2 option.
      """;

  /**
   * What one line gave.
   *
   * @param output the result (masked), possibly empty
   * @param error Packer's "Interpolation error" detail, or null
   * @param exit whether the line was {@code exit}
   */
  public record Evaluation(String output, String error, boolean exit) {}

  /**
   * A session, or why there is none.
   *
   * @param session null when {@code problems} has errors
   * @param problems the template's and the variables' problems
   * @param sourceLines the template's lines, for the problems' snippets
   */
  public record Opened(
      ConsoleSession session,
      List<Diagnostic> problems,
      dev.imagebake.diag.SourceLines sourceLines) {}

  private final RenderContext context;
  private final Map<String, String> variables;
  private final SecretFilter secrets;

  private ConsoleSession(
      RenderContext context, Map<String, String> variables, Set<String> secrets) {
    this.context = context;
    this.variables = variables;
    this.secrets = new SecretFilter(secrets);
  }

  /**
   * Loads {@code template} (null: Packer's one-null-builder template) and resolves its variables as
   * a build does.
   */
  public static Opened open(Path template, CheckOptions options) {
    LoadedTemplate loaded =
        template == null
            ? TemplateLoader.parse(Path.of("console"), TINIEST.getBytes(StandardCharsets.UTF_8))
            : TemplateLoader.load(template, options.stdin());
    List<Diagnostic> problems = new ArrayList<>(loaded.diagnostics().all());
    dev.imagebake.diag.SourceLines lines =
        dev.imagebake.diag.SourceLines.of(List.of(loaded.locations()));
    if (loaded.diagnostics().hasErrors()) {
      return new Opened(null, problems, lines);
    }
    Path dir =
        template == null
            ? options.workingDir()
            : options.workingDir().resolve(template).toAbsolutePath().normalize().getParent();
    Map<String, String> env = options.env();
    RenderContext base =
        RenderContext.builder()
            .env(name -> env.getOrDefault(name, ""))
            .templateDir(dir.toString())
            .workingDir(options.workingDir().toString())
            .version(Versions.PACKER_COMPATIBLE)
            .instant(options.instant())
            .build();
    ResolvedVariables resolved =
        Variables.resolve(loaded, options.vars(), options.varFiles(), base);
    problems.addAll(resolved.diagnostics().all());
    if (resolved.diagnostics().hasErrors()) {
      return new Opened(null, problems, lines);
    }
    RenderContext context = base.toBuilder().userVariables(resolved.values()).build();
    return new Opened(
        new ConsoleSession(context, resolved.values(), resolved.secrets()), problems, lines);
  }

  /** Go's text/template parse error: {@code template: root:LINE: message}. */
  static String goParseError(String line, TemplateException e) {
    int at = Math.max(0, Math.min(e.offset(), line.length()));
    return "template: root:" + lineNumber(line, at) + ": " + e.getMessage();
  }

  /**
   * Go's text/template execution error: {@code template: root:LINE:BYTE: executing "root" at
   * <COMMAND>: message}, the command being the action's text from where the error is.
   */
  static String goExecError(String line, TemplateException e) {
    int at = e.offset();
    if (at < 0 || at > line.length()) {
      return "template: root: " + e.getMessage();
    }
    int lineStart = line.lastIndexOf('\n', at - 1) + 1;
    int column = line.substring(lineStart, at).getBytes(StandardCharsets.UTF_8).length;
    int end = line.indexOf("}}", at);
    String command = (end < 0 ? line.substring(at) : line.substring(at, end)).strip();
    if (command.endsWith("-")) {
      command = command.substring(0, command.length() - 1).strip();
    }
    return "template: root:"
        + lineNumber(line, at)
        + ":"
        + column
        + ": executing \"root\" at <"
        + command
        + ">: "
        + e.getMessage();
  }

  private static int lineNumber(String text, int offset) {
    int n = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Evaluates one line as Packer's {@code EvaluateExpression}. */
  public Evaluation evaluate(String line) {
    switch (line) {
      case "" -> {
        return new Evaluation("", null, false);
      }
      case "exit" -> {
        return new Evaluation("", null, true);
      }
      case "help" -> {
        return new Evaluation(HELP, null, false);
      }
      case "variables" -> {
        StringBuilder out = new StringBuilder("\n");
        variables.forEach((k, v) -> out.append(k).append(": ").append(v).append(",\n"));
        return new Evaluation(secrets.mask(out.toString()), null, false);
      }
      default -> {
        TemplateString parsed;
        try {
          parsed = TemplateString.parse(line);
        } catch (TemplateException e) {
          return new Evaluation("", secrets.mask(goParseError(line, e)), false);
        }
        try {
          return new Evaluation(secrets.mask(parsed.render(context)), null, false);
        } catch (TemplateException e) {
          return new Evaluation("", secrets.mask(goExecError(line, e)), false);
        }
      }
    }
  }
}
