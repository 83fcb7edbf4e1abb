package dev.imagebake.config;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Parses test templates. */
public final class Blocks {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Blocks() {}

  /** The object at {@code pointer} in {@code json}. */
  public static ObjectNode at(String json, String pointer) {
    return (ObjectNode) MAPPER.readTree(json).at(pointer);
  }
}
