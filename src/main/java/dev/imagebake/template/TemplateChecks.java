package dev.imagebake.template;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The structural checks Packer runs at core init, after parsing (reference §1.8 "Core-init"): at
 * least one builder, {@code only}/{@code except} exclusive and naming existing (raw) builder names,
 * {@code override} naming existing builders, and {@code min_packer_version}. Required variables are
 * checked by {@link Variables}.
 */
final class TemplateChecks {
  private final Template template;
  private final Locations locations;
  private final Diagnostics diagnostics = new Diagnostics();

  private TemplateChecks(Template template, Locations locations) {
    this.template = template;
    this.locations = locations;
  }

  static Diagnostics check(Template template, Locations locations, String version) {
    TemplateChecks c = new TemplateChecks(template, locations);
    c.run(version);
    return c.diagnostics;
  }

  private void run(String version) {
    if (template.builders().isEmpty()) {
      diagnostics.add(
          Diagnostic.error(locations.keyAt("/builders"), "at least one builder must be defined"));
    }
    for (ProvisionerBlock p : template.provisioners()) {
      String prefix = "provisioner " + (p.index() + 1) + ": ";
      onlyExcept(prefix, p.pointer(), p.only(), p.except());
      for (Map.Entry<String, ObjectNode> o : p.override().entrySet()) {
        if (template.builder(o.getKey()) == null) {
          diagnostics.add(
              withBuilderHint(
                  Diagnostic.error(
                      locations.keyAt(JsonText.child(p.pointer() + "/override", o.getKey())),
                      prefix + "override '" + o.getKey() + "' doesn't exist"),
                  o.getKey()));
        }
      }
    }
    for (List<PostProcessorBlock> chain : template.postProcessors()) {
      for (PostProcessorBlock pp : chain) {
        String prefix = "post-processor " + (pp.chainIndex() + 1) + "." + (pp.index() + 1) + ": ";
        onlyExcept(prefix, pp.pointer(), pp.only(), pp.except());
      }
    }
    if (version != null) {
      minVersion(version);
    }
  }

  private void onlyExcept(String prefix, String pointer, List<String> only, List<String> except) {
    if (!only.isEmpty() && !except.isEmpty()) {
      diagnostics.add(
          Diagnostic.error(
              locations.keyAt(pointer + "/except"),
              prefix + "only one of 'only' or 'except' may be specified"));
    }
    names(prefix, pointer + "/only", "only", only);
    names(prefix, pointer + "/except", "except", except);
  }

  private void names(String prefix, String pointer, String key, List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (template.builder(n) == null) {
        diagnostics.add(
            withBuilderHint(
                Diagnostic.error(
                    locations.valueAt(JsonText.child(pointer, i)),
                    prefix + "'" + key + "' specified builder '" + n + "' not found"),
                n));
      }
    }
  }

  private Diagnostic withBuilderHint(Diagnostic d, String name) {
    String suggestion =
        Suggest.closest(name, template.builders().stream().map(BuilderBlock::rawName).toList());
    if (suggestion != null) {
      return d.withHint("did you mean '" + suggestion + "'?");
    }
    if (!template.builders().isEmpty()) {
      return d.withHint(
          "builder names (as written, before rendering): "
              + String.join(
                  ", ", template.builders().stream().map(BuilderBlock::rawName).toList()));
    }
    return d;
  }

  /**
   * Packer compares its own version with go-version: numeric segments, missing ones are 0, a
   * pre-release sorts before its release, build metadata is ignored.
   */
  private void minVersion(String version) {
    String min = template.minPackerVersion();
    if (min == null || min.isEmpty()) {
      return;
    }
    GoVersion required;
    try {
      required = GoVersion.parse(min);
    } catch (IllegalArgumentException e) {
      diagnostics.add(
          Diagnostic.error(
              locations.valueAt("/min_packer_version"),
              "min_version is invalid: " + e.getMessage()));
      return;
    }
    GoVersion actual = GoVersion.parse(version);
    if (actual.compareTo(required) < 0) {
      diagnostics.add(
          Diagnostic.error(
              locations.valueAt("/min_packer_version"),
              "This template requires Packer version " + required + " or higher; using " + actual));
    }
  }
}
