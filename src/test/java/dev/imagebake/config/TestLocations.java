package dev.imagebake.config;

import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;

/** Positions of a JSON text by pointer, for tests (the real index belongs to the parser). */
public final class TestLocations implements Locations {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final Path file = Path.of("t.json");
  private final String[] lines;
  private final Map<String, int[]> values = new HashMap<>();
  private final Map<String, int[]> keys = new HashMap<>();

  private TestLocations(String json) {
    lines = json.split("\n", -1);
    try (JsonParser p = MAPPER.createParser(json)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        TokenStreamLocation at = p.currentTokenLocation();
        int[] pos = {at.getLineNr(), at.getColumnNr()};
        TokenStreamContext context = p.streamReadContext();
        if (token == JsonToken.PROPERTY_NAME) {
          keys.put(context.pathAsPointer().toString(), pos);
        } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          values.put(context.getParent().pathAsPointer().toString(), pos);
        } else if (!token.isStructEnd()) {
          values.put(context.pathAsPointer().toString(), pos);
        }
      }
    }
  }

  public static TestLocations of(String json) {
    return new TestLocations(json);
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public SourceRef valueAt(String pointer) {
    String p = pointer;
    while (!values.containsKey(p) && !p.isEmpty()) {
      p = p.substring(0, p.lastIndexOf('/'));
    }
    int[] pos = values.getOrDefault(p, new int[] {0, 0});
    return new SourceRef(file, pos[0], pos[1], pointer);
  }

  @Override
  public SourceRef keyAt(String pointer) {
    int[] pos = keys.get(pointer);
    return pos == null ? valueAt(pointer) : new SourceRef(file, pos[0], pos[1], pointer);
  }

  @Override
  public String lineText(int line) {
    return line >= 1 && line <= lines.length ? lines[line - 1] : "";
  }
}
