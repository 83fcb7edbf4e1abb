package dev.imagebake.template;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.SourceRef;
import dev.imagebake.template.interpolate.RenderContext;
import dev.imagebake.template.interpolate.TemplateException;
import dev.imagebake.template.interpolate.TemplateString;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves user variables as Packer 1.6.6 does (reference §1.3): template defaults, overridden by
 * {@code -var-file}s (later files win), overridden by {@code -var k=v} whatever the flag order
 * (later {@code -var} wins). Every value is then rendered once with {@code env} allowed and the
 * other variables visible. Packer loops over the variables until nothing changes; here they are
 * rendered in dependency order instead, so cycles and references to undefined variables are
 * reported (Packer sometimes leaves them empty silently).
 */
public final class Variables {
  private static final String NOT_SET_HINT =
      "Please make sure that the variable you're referencing has been defined; Packer treats all"
          + " variables used to interpolate other user variables as required.";

  private final Template template;
  private final Diagnostics diagnostics = new Diagnostics();
  private final Map<String, String> raw = new LinkedHashMap<>();
  private final Map<String, SourceRef> origin = new HashMap<>();
  private final Set<String> supplied = new HashSet<>();

  private Variables(Template template) {
    this.template = template;
  }

  /**
   * @param loaded the template (its variables and their positions)
   * @param cliVars the {@code -var} arguments in order, each {@code key=value} (split at the first
   *     {@code =})
   * @param varFiles the {@code -var-file} arguments in order
   * @param context what rendering may use (env lookup, template dir, instant, uuid, version…); its
   *     user variables, {@code envAllowed} and fields are replaced for rendering variables
   */
  public static ResolvedVariables resolve(
      LoadedTemplate loaded, List<String> cliVars, List<Path> varFiles, RenderContext context) {
    Variables v = new Variables(loaded.template());
    for (TemplateVariable t : loaded.template().variables()) {
      v.raw.put(t.name(), t.defaultValue() == null ? "" : t.defaultValue());
      v.origin.put(t.name(), loaded.locations().valueAt(t.pointer()));
    }
    for (Path file : varFiles) {
      v.readVarFile(file);
    }
    for (String arg : cliVars) {
      v.cliVar(arg);
    }
    for (TemplateVariable t : loaded.template().variables()) {
      if (t.required() && !v.supplied.contains(t.name())) {
        v.diagnostics.add(
            Diagnostic.error(
                loaded.locations().keyAt(t.pointer()), "required variable not set: " + t.name()));
      }
    }
    Map<String, String> values = v.render(context);
    return new ResolvedVariables(values, v.secrets(values), v.diagnostics);
  }

  private void cliVar(String arg) {
    int eq = arg.indexOf('=');
    if (eq < 0) {
      diagnostics.add(
          Diagnostic.error(
              new SourceRef(null, 0, 0, ""),
              "invalid value \"" + arg + "\" for flag -var: No '=' value in arg: " + arg));
      return;
    }
    String key = arg.substring(0, eq);
    raw.put(key, arg.substring(eq + 1));
    origin.put(key, new SourceRef(null, 0, 0, ""));
    supplied.add(key);
  }

  private void readVarFile(Path file) {
    ParsedJson json = JsonSource.read(file, InputStream.nullInputStream(), false);
    String prefix = "Error reading variables in '" + file + "': ";
    for (Diagnostic d : json.diagnostics().all()) {
      diagnostics.add(asVarFileProblem(d, prefix));
    }
    if (json.root() == null || json.root().isNull()) {
      return;
    }
    if (!json.root().isObject()) {
      diagnostics.add(
          Diagnostic.error(
              json.locations().valueAt(""),
              prefix
                  + "json: cannot unmarshal "
                  + jsonKind(json.root())
                  + " into Go value of type map[string]string"));
      return;
    }
    json.root()
        .properties()
        .forEach(
            e -> {
              String pointer = JsonText.child("", e.getKey());
              if (e.getValue().isString() || e.getValue().isNull()) {
                raw.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().stringValue());
                origin.put(e.getKey(), json.locations().valueAt(pointer));
                supplied.add(e.getKey());
              } else {
                diagnostics.add(
                    Diagnostic.error(
                        json.locations().valueAt(pointer),
                        prefix
                            + "json: cannot unmarshal "
                            + jsonKind(e.getValue())
                            + " into Go value of type string"));
              }
            });
  }

  /** Packer's words: syntax errors name the var-file; a missing one is {@code open x: …}. */
  private static Diagnostic asVarFileProblem(Diagnostic d, String prefix) {
    String m = d.message();
    if (!d.isError()) {
      return d;
    }
    if (m.startsWith("Error parsing JSON: ")) {
      m = prefix + withoutCharacter(m.substring("Error parsing JSON: ".length()));
    } else if (m.startsWith("stat ")) {
      m = "open " + m.substring("stat ".length());
    }
    return new Diagnostic(d.severity(), m, d.source(), d.hint());
  }

  /**
   * Go's "invalid character 'p' looking for ..." without the character: a var-file's text holds
   * secrets, so no part of it is quoted (the position says where).
   */
  static String withoutCharacter(String goMessage) {
    String lead = "invalid character '";
    int start = goMessage.indexOf(lead);
    int end = start < 0 ? -1 : goMessage.indexOf("' ", start + lead.length() + 1);
    if (end < 0) {
      return goMessage;
    }
    return goMessage.substring(0, start) + "invalid character" + goMessage.substring(end + 1);
  }

  private static String jsonKind(tools.jackson.databind.JsonNode n) {
    if (n.isObject()) {
      return "object";
    }
    if (n.isArray()) {
      return "array";
    }
    if (n.isNumber()) {
      return "number";
    }
    return n.isBoolean() ? "bool" : "string";
  }

  /** Renders every value after the values it references; undefined names and cycles are errors. */
  private Map<String, String> render(RenderContext base) {
    Map<String, String> done = new LinkedHashMap<>();
    Set<String> failed = new HashSet<>();
    for (String name : raw.keySet()) {
      visit(name, done, failed, new ArrayDeque<>(), base);
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (String name : raw.keySet()) {
      ordered.put(name, done.getOrDefault(name, ""));
    }
    return ordered;
  }

  private void visit(
      String name,
      Map<String, String> done,
      Set<String> failed,
      Deque<String> path,
      RenderContext base) {
    if (done.containsKey(name) || failed.contains(name)) {
      return;
    }
    if (path.contains(name)) {
      List<String> cycle = new ArrayList<>();
      boolean in = false;
      for (String p : (Iterable<String>) path::descendingIterator) {
        in |= p.equals(name);
        if (in) {
          cycle.add(p);
        }
      }
      cycle.add(name);
      failed.addAll(cycle);
      diagnostics.add(
          Diagnostic.error(
              origin.get(name),
              "Failed to interpolate \""
                  + name
                  + "\": variables reference each other in a cycle: "
                  + String.join(" -> ", cycle)));
      return;
    }
    String value = raw.get(name);
    path.push(name);
    for (String ref : UserReferences.in(value)) {
      // A default that reads itself ("x": "{{user `x`}}") means "give me a value": not set.
      if (!raw.containsKey(ref) || ref.equals(name)) {
        failed.add(name);
        diagnostics.add(
            Diagnostic.error(
                    origin.get(name),
                    "Failed to interpolate \""
                        + name
                        + "\": "
                        + shown(name, value)
                        + "error: variable not set: "
                        + ref)
                .withHint(NOT_SET_HINT));
        path.pop();
        return;
      }
      visit(ref, done, failed, path, base);
      if (failed.contains(ref)) {
        // Already reported where it went wrong; rendering this one would only repeat it.
        failed.add(name);
      }
    }
    path.pop();
    if (failed.contains(name)) {
      return;
    }
    if (!value.contains("{{")) {
      done.put(name, value);
      return;
    }
    try {
      done.put(name, TemplateString.parse(value).render(contextFor(base, done)));
    } catch (TemplateException e) {
      failed.add(name);
      diagnostics.add(
          Diagnostic.error(
              origin.get(name),
              "error interpolating default value for '" + name + "': " + e.getMessage()));
    }
  }

  /** The raw value in quotes, unless the variable is sensitive. */
  private String shown(String name, String value) {
    return template.sensitiveVariables().contains(name)
        ? ""
        : "\"" + GoJsonValues.oneLine(value) + "\"; ";
  }

  private static RenderContext contextFor(RenderContext base, Map<String, String> resolved) {
    return new RenderContext(
        Map.copyOf(resolved),
        true,
        base.env(),
        null,
        null,
        base.templateDir(),
        base.workingDir(),
        base.version(),
        null,
        false,
        null,
        base.instant(),
        base.uuid(),
        null);
  }

  /** Values of declared sensitive variables (Packer ignores undeclared names in the list). */
  private Set<String> secrets(Map<String, String> values) {
    Set<String> declared = new HashSet<>();
    template.variables().forEach(t -> declared.add(t.name()));
    Set<String> out = new LinkedHashSet<>();
    for (String name : template.sensitiveVariables()) {
      String v = values.get(name);
      if (declared.contains(name) && v != null && !v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }
}
