package dev.imagebake.registry;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of registry values, as {@code --format json} and {@code registry serve} give it. */
public final class RegistryJson {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private RegistryJson() {}

  /** A record (or list or map of them) as indented JSON. */
  public static String of(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
