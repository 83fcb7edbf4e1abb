package dev.imagebake.postprocessor.manifest;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.util.Instantiatable;

/**
 * Lays JSON out as Go's {@code json.MarshalIndent(v, "", " ")}: one value per line, two spaces per
 * level, {@code "key": value}, and {@code []} / {@code {}} when empty. Stateful (the depth), so
 * Jackson makes one instance per document through {@link #createInstance()}.
 */
final class GoIndentPrettyPrinter implements PrettyPrinter, Instantiatable<GoIndentPrettyPrinter> {
  private int depth;

  @Override
  public GoIndentPrettyPrinter createInstance() {
    return new GoIndentPrettyPrinter();
  }

  private void newLine(JsonGenerator g) {
    g.writeRaw('\n');
    for (int i = 0; i < depth; i++) {
      g.writeRaw("  ");
    }
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) {}

  @Override
  public void writeStartObject(JsonGenerator g) {
    g.writeRaw('{');
    depth++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) {
    newLine(g);
  }

  @Override
  public void writeObjectNameValueSeparator(JsonGenerator g) {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) {
    g.writeRaw(',');
    newLine(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int entries) {
    depth--;
    if (entries > 0) {
      newLine(g);
    }
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) {
    g.writeRaw('[');
    depth++;
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) {
    newLine(g);
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) {
    g.writeRaw(',');
    newLine(g);
  }

  @Override
  public void writeEndArray(JsonGenerator g, int values) {
    depth--;
    if (values > 0) {
      newLine(g);
    }
    g.writeRaw(']');
  }
}
