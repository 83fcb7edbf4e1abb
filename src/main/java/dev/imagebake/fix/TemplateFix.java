package dev.imagebake.fix;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.template.GoJsonDecoder;
import dev.imagebake.template.LoadedTemplate;
import dev.imagebake.template.TemplateLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code packer fix}: reads a template as Go does, runs every fixer of Packer 1.6.6 in its order,
 * and prints the result as Packer prints it; then, unless told not to, checks that the fixed
 * template parses and passes the core checks, with Packer's messages.
 */
public final class TemplateFix {
  /**
   * What a run prints and returns.
   *
   * @param out the fixed template (with the blank line Packer's UI adds), or empty
   * @param error the message for stderr (one line or several, no final newline), or null
   * @param exitCode 0, or 1 as Packer
   */
  public record Result(String out, String error, int exitCode) {}

  private static final String ADVICE =
      "\n\nThis is usually caused by an error in the input template.\n"
          + "Please fix the error and try again.";

  private TemplateFix() {}

  /** The fixers' names and descriptions, in order, as {@code packer fix -h} lists them. */
  public static String fixerList() {
    StringBuilder out = new StringBuilder();
    for (Fixer f : Fixers.ORDER) {
      out.append(String.format("  %-27s%s%n", f.name(), f.synopsis()));
    }
    return out.toString();
  }

  /** Fixes {@code file}; {@code validate} is Packer's {@code -validate} flag. */
  public static Result run(Path file, boolean validate) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return failed("Error opening template: open " + file + ": no such file or directory");
    } catch (AccessDeniedException e) {
      return failed("Error opening template: open " + file + ": permission denied");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "is a directory" : String.valueOf(e.getMessage());
      return failed("Error parsing template: read " + file + ": " + why);
    }
    GoJsonDecoder.Decoded decoded = GoJsonDecoder.decodeObject(bytes);
    if (decoded.error() != null) {
      return failed("Error parsing template: " + decoded.error());
    }
    Map<String, Object> template = decoded.value();
    try {
      fix(template);
    } catch (FixException e) {
      return failed("Error fixing: " + e.getMessage());
    }
    String fixed = GoJsonEncoder.encode(template);
    String out = fixed + "\n";
    if (!validate) {
      return new Result(out, null, 0);
    }
    LoadedTemplate loaded = TemplateLoader.parse(file, fixed.getBytes(StandardCharsets.UTF_8));
    List<String> parseErrors = errors(loaded.diagnostics().all());
    if (!parseErrors.isEmpty()) {
      // Packer's parse stops at a comment that is not a string, with that error alone.
      String parse =
          parseErrors.stream()
              .filter(e -> e.startsWith("Failed to cast root level comment"))
              .findFirst()
              .orElse(multierror(parseErrors));
      return new Result(out, "Error! Fixed template fails to parse: " + parse + ADVICE, 1);
    }
    List<String> checkErrors = errors(TemplateLoader.validate(loaded).all());
    if (!checkErrors.isEmpty()) {
      return new Result(
          out, "Error! Fixed template failed to validate: " + multierror(checkErrors) + ADVICE, 1);
    }
    return new Result(out, null, 0);
  }

  /** Runs every fixer in Packer's order on {@code template}, in place. */
  static void fix(Map<String, Object> template) throws FixException {
    for (Fixer f : Fixers.ORDER) {
      f.fix(template);
    }
  }

  private static Result failed(String message) {
    return new Result("", message, 1);
  }

  private static List<String> errors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
  }

  /** hashicorp/go-multierror's default format. */
  private static String multierror(List<String> errors) {
    if (errors.size() == 1) {
      return "1 error occurred:\n\t* " + errors.get(0) + "\n\n";
    }
    return errors.size() + " errors occurred:\n\t* " + String.join("\n\t* ", errors) + "\n\n";
  }
}
