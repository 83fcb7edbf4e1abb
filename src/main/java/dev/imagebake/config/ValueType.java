package dev.imagebake.config;

import java.util.List;

/**
 * The closed set of component types a config record may use. The schema generator and the binder
 * both switch over it, which keeps what the schema accepts and what the binder accepts in step.
 */
sealed interface ValueType {
  /** What an error message says was expected, e.g. "an integer". */
  String noun();

  /** {@code String}; {@code oneOf} empty when any string goes. */
  record Text(List<String> oneOf) implements ValueType {
    public Text {
      oneOf = List.copyOf(oneOf);
    }

    @Override
    public String noun() {
      return "a string";
    }
  }

  /** {@code Integer}/{@code int} (32 bits) or {@code Long}/{@code long} (64 bits). */
  record Whole(boolean wide, boolean primitive) implements ValueType {
    @Override
    public String noun() {
      return "an integer";
    }
  }

  /** {@code Boolean}/{@code boolean}. */
  record Flag(boolean primitive) implements ValueType {
    @Override
    public String noun() {
      return "a boolean";
    }
  }

  /** {@code java.time.Duration}, written as a Go duration string or a number of nanoseconds. */
  record Span() implements ValueType {
    @Override
    public String noun() {
      return "a duration such as 30s, 5m or 1h30m";
    }
  }

  /** {@code List<String>}; a single string is split on commas. */
  record TextList() implements ValueType {
    @Override
    public String noun() {
      return "a list of strings or a comma-separated string";
    }
  }

  /**
   * {@code List<Integer>}: an array of integers (or digit strings), a single integer, or a
   * comma-separated string of them, as Packer's weak decoding accepts.
   */
  record WholeList() implements ValueType {
    @Override
    public String noun() {
      return "a list of integers";
    }
  }

  /** {@code Map<String, String>}. */
  record TextMap() implements ValueType {
    @Override
    public String noun() {
      return "an object with string values";
    }
  }

  /** A nested record: a JSON object of its own. */
  record Nested(RecordModel model) implements ValueType {
    @Override
    public String noun() {
      return "an object";
    }
  }

  /** {@code List<SomeRecord>}. */
  record NestedList(RecordModel model) implements ValueType {
    @Override
    public String noun() {
      return "a list of objects";
    }
  }

  /** {@code Map<String, Object>} (an object) or {@code JsonNode} (any JSON value). */
  record FreeForm(boolean anyJson) implements ValueType {
    @Override
    public String noun() {
      return anyJson ? "a JSON value" : "an object";
    }
  }
}
