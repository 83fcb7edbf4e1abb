package dev.imagebake.template;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Entry point for reading templates. {@link #load} is Packer's parse (what {@code validate
 * -syntax-only} checks); {@link #check} adds the core-init structural checks a full {@code
 * validate} or {@code build} runs next.
 */
public final class TemplateLoader {
  private TemplateLoader() {}

  /**
   * Reads and parses {@code file} ({@code -} reads {@code stdin}). Never throws for bad input:
   * every problem (missing file, JSON syntax, duplicate keys, structure) is a diagnostic.
   */
  public static LoadedTemplate load(Path file, InputStream stdin) {
    if (isHcl2(file)) {
      Diagnostics refused = new Diagnostics();
      refused.add(
          Diagnostic.error(
              SourceRef.file(file),
              "HCL2 templates (.pkr.hcl, .pkr.json) are not read by imagebake; it reads Packer's"
                  + " JSON templates"));
      return new LoadedTemplate(Template.empty(), new PositionIndex(file, ""), refused);
    }
    return fromJson(JsonSource.read(file, stdin, true));
  }

  /** Packer 1.5+'s HCL2 files, named so by Packer's own rule (its JSON templates are *.json). */
  private static boolean isHcl2(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString();
    return n.endsWith(".pkr.hcl") || n.endsWith(".pkr.json") || n.endsWith(".pkrvars.hcl");
  }

  /** Parses template {@code content}; {@code file} only names it in diagnostics. */
  public static LoadedTemplate parse(Path file, byte[] content) {
    return fromJson(JsonSource.parse(file, content, true));
  }

  private static LoadedTemplate fromJson(ParsedJson json) {
    Diagnostics found = new Diagnostics();
    found.addAll(json.diagnostics());
    Locations locations = json.locations();
    Template template =
        json.root() == null
            ? Template.empty()
            : new TemplateParser(locations, found).parse(json.root());
    return new LoadedTemplate(template, locations, inFileOrder(found));
  }

  /** Packer's order is map-iteration order; file order is stable and easier to read. */
  static Diagnostics inFileOrder(Diagnostics found) {
    Diagnostics sorted = new Diagnostics();
    found.all().stream()
        .sorted(
            "off".equals(System.getProperty("imagebake.startup.plainComparators"))
                ? java.util.Comparator.comparing((Diagnostic d) -> d.source().line())
                    .thenComparing(d -> d.source().column())
                : Diagnostic::compareLineColumn)
        .forEach(sorted::add);
    return sorted;
  }

  /**
   * The checks Packer runs when it initialises its core: at least one builder; {@code only} and
   * {@code except} not both set and naming builders that exist (by raw name); {@code override}
   * naming builders that exist; {@code min_packer_version} valid and not above {@code version}
   * (compared as hashicorp/go-version does). Run it only when {@link #load} found no errors, as
   * Packer does. Required variables are checked by {@link Variables#resolve}.
   *
   * @param version the version to compare {@code min_packer_version} with, e.g. {@code 1.6.6}
   */
  public static Diagnostics check(LoadedTemplate loaded, String version) {
    return inFileOrder(TemplateChecks.check(loaded.template(), loaded.locations(), version));
  }

  /**
   * Packer's {@code Template.Validate} alone (what {@code packer fix} runs on its result): the
   * checks of {@link #check} but {@code min_packer_version}, in Packer's order (builders,
   * provisioners, post-processors).
   */
  public static Diagnostics validate(LoadedTemplate loaded) {
    return TemplateChecks.check(loaded.template(), loaded.locations(), null);
  }
}
