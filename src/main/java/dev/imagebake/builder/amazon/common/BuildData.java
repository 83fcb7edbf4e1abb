package dev.imagebake.builder.amazon.common;

import java.util.Map;

/** What {@code {{build `KEY`}}} resolves to in provisioners. */
public record BuildData(Map<String, String> values) {
  public BuildData {
    values = Map.copyOf(values);
  }
}
