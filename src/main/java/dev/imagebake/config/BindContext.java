package dev.imagebake.config;

import dev.imagebake.diag.Severity;
import dev.imagebake.template.interpolate.TemplateException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the binders of one block share: the renderer, and the problems found so far. Every
 * conversion that fails reports here and returns null.
 */
final class BindContext {
  private final ValueRenderer renderer;
  private final List<Problem> problems = new ArrayList<>();

  BindContext(ValueRenderer renderer) {
    this.renderer = renderer;
  }

  List<Problem> problems() {
    return problems;
  }

  void report(Problem problem) {
    problems.add(problem);
  }

  /** Renders or syntax-checks a template string; null (with a problem) when that fails. */
  String render(String raw, String pointer, String path, RecordModel.Property p) {
    if (raw.indexOf("{{") < 0) {
      return raw;
    }
    try {
      if (p.renderLater()) {
        renderer.checkSyntax(raw);
        return raw;
      }
      return renderer.render(raw);
    } catch (TemplateException e) {
      problems.add(
          new Problem(
              Severity.ERROR,
              pointer,
              false,
              e.offset(),
              "invalid '" + path + "': " + e.getMessage(),
              null));
      return null;
    }
  }

  Object mismatch(
      ValueType type, JsonNode node, String pointer, String path, RecordModel.Property p) {
    problems.add(Problem.atValue(pointer, Mismatch.of(path, type, node, p.secret())));
    return null;
  }

  /** A scalar as Go's weak decoding turns it into a string; null for non-scalars and errors. */
  String weakText(JsonNode node, String pointer, String path, RecordModel.Property p) {
    if (node.isString()) {
      return render(node.stringValue(), pointer, path, p);
    }
    if (node.isNumber() || node.isBoolean()) {
      return Mismatch.weakText(node);
    }
    return null;
  }
}
