package dev.imagebake.template;

import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses builder, provisioner and post-processor blocks (reference §1.5–1.7): the core-consumed
 * keys are decoded as Packer does (weakly for builders and provisioners, strictly for
 * post-processors) and removed from the plugin config. Every problem is reported; a block with
 * errors is left out of the template.
 */
final class BlockParser {
  private static final List<String> PROVISIONER_KEYS =
      List.of("type", "only", "except", "override", "pause_before", "max_retries", "timeout");
  private static final List<String> POST_PROCESSOR_KEYS =
      List.of("type", "name", "only", "except", "keep_input_artifact");

  private final Locations locations;
  private final Diagnostics diagnostics;

  BlockParser(Locations locations, Diagnostics diagnostics) {
    this.locations = locations;
    this.diagnostics = diagnostics;
  }

  /**
   * Builder {@code i} (0-based), or null when invalid; {@code earlier} are the valid ones so far.
   */
  BuilderBlock builder(int i, JsonNode raw, List<BuilderBlock> earlier) {
    String pointer = "/builders/" + i;
    String prefix = "builder " + (i + 1) + ": ";
    if (!raw.isObject()) {
      valueError(pointer, prefix + "'' expected a map, got '" + kindOrNull(raw) + "'");
      return null;
    }
    boolean ok = true;
    String type = "";
    String name = "";
    try {
      type = MapDecode.WEAK.string(raw.get("type"), "Type", pointer + "/type");
    } catch (MapDecode.DecodeException e) {
      decodeError(prefix, e);
      ok = false;
    }
    try {
      name = MapDecode.WEAK.string(raw.get("name"), "Name", pointer + "/name");
    } catch (MapDecode.DecodeException e) {
      decodeError(prefix, e);
      ok = false;
    }
    if (!ok) {
      return null;
    }
    if (type.isEmpty()) {
      valueError(pointer, prefix + "missing 'type'");
      return null;
    }
    String rawName = name.isEmpty() ? type : name;
    for (BuilderBlock b : earlier) {
      if (b.rawName().equals(rawName)) {
        String at = raw.has("name") ? pointer + "/name" : pointer;
        diagnostics.add(
            Diagnostic.error(
                    locations.valueAt(at),
                    prefix + "builder with name '" + rawName + "' already exists")
                .withHint(
                    "builder " + (b.index() + 1) + " has the same name; set a unique 'name'"));
        return null;
      }
    }
    return new BuilderBlock(i, type, rawName, without(raw, List.of("type", "name")), pointer);
  }

  /**
   * A provisioner block. {@code prefix} starts every message ("provisioner 2: " or Packer's "On
   * Error Cleanup Provisioner error: ").
   */
  ProvisionerBlock provisioner(int i, JsonNode raw, String pointer, String prefix) {
    if (raw.isNull()) {
      valueError(pointer, prefix + "Provisioner missing 'type'");
      return null;
    }
    if (!raw.isObject()) {
      valueError(
          pointer,
          prefix
              + "Error decoding provisioner: '' expected a map, got '"
              + GoJsonValues.kind(raw)
              + "'");
      return null;
    }
    int before = diagnostics.all().size();
    String type = decodeString(MapDecode.WEAK, raw, "type", "Type", pointer, prefix);
    List<String> only = decodeList(MapDecode.WEAK, raw, "only", "Only", pointer, prefix);
    List<String> except = decodeList(MapDecode.WEAK, raw, "except", "Except", pointer, prefix);
    Duration pauseBefore = decodeDuration(raw, "pause_before", pointer, prefix);
    Duration timeout = decodeDuration(raw, "timeout", pointer, prefix);
    String maxRetries =
        raw.hasNonNull("max_retries")
            ? decodeString(MapDecode.WEAK, raw, "max_retries", "max_retries", pointer, prefix)
            : null;
    Map<String, ObjectNode> override = override(raw.get("override"), pointer, prefix);
    if (type != null && type.isEmpty()) {
      valueError(pointer, prefix + "Provisioner missing 'type'");
    }
    if (diagnostics.all().size() != before) {
      return null;
    }
    return new ProvisionerBlock(
        i,
        type,
        only,
        except,
        override,
        pauseBefore,
        maxRetries,
        timeout,
        without(raw, PROVISIONER_KEYS),
        pointer);
  }

  private Map<String, ObjectNode> override(JsonNode raw, String pointer, String prefix) {
    Map<String, ObjectNode> out = new LinkedHashMap<>();
    if (raw == null || raw.isNull()) {
      return out;
    }
    String at = pointer + "/override";
    if (!raw.isObject()) {
      valueError(at, prefix + "'Override' expected a map, got '" + GoJsonValues.kind(raw) + "'");
      return out;
    }
    for (Map.Entry<String, JsonNode> e : raw.properties()) {
      if (e.getValue().isObject()) {
        out.put(e.getKey(), (ObjectNode) e.getValue().deepCopy());
      } else {
        valueError(
            JsonText.child(at, e.getKey()),
            prefix
                + "override '"
                + e.getKey()
                + "': '' expected a map, got '"
                + kindOrNull(e.getValue())
                + "'");
      }
    }
    return out;
  }

  /** Top-level post-processor element {@code i} in any of its three forms, or null when invalid. */
  List<PostProcessorBlock> postProcessorChain(int i, JsonNode raw) {
    String pointer = "/post-processors/" + i;
    List<JsonNode> configs = new ArrayList<>();
    List<String> pointers = new ArrayList<>();
    if (raw.isString() || raw.isObject()) {
      configs.add(raw);
      pointers.add(pointer);
    } else if (raw.isArray()) {
      boolean ok = true;
      for (int j = 0; j < raw.size(); j++) {
        JsonNode inner = raw.get(j);
        String innerPointer = pointer + "/" + j;
        String prefix = "post-processor " + (i + 1) + "." + (j + 1) + ": ";
        if (inner.isString() || inner.isObject()) {
          configs.add(inner);
          pointers.add(innerPointer);
        } else if (inner.isArray()) {
          valueError(innerPointer, prefix + "sequence not allowed to be nested in a sequence");
          ok = false;
        } else {
          valueError(innerPointer, prefix + "unknown format");
          ok = false;
        }
      }
      if (!ok) {
        return null;
      }
    } else {
      valueError(pointer, "post-processor " + (i + 1) + ": bad format");
      return null;
    }
    List<PostProcessorBlock> chain = new ArrayList<>();
    boolean ok = true;
    for (int j = 0; j < configs.size(); j++) {
      PostProcessorBlock pp = postProcessor(i, j, configs.get(j), pointers.get(j));
      if (pp == null) {
        ok = false;
      } else {
        chain.add(pp);
      }
    }
    return ok ? chain : null;
  }

  private PostProcessorBlock postProcessor(int i, int j, JsonNode raw, String pointer) {
    String prefix = "post-processor " + (i + 1) + "." + (j + 1) + ": ";
    if (raw.isString()) {
      if (raw.stringValue().isEmpty()) {
        valueError(pointer, prefix + "type is required");
        return null;
      }
      return new PostProcessorBlock(
          i,
          j,
          raw.stringValue(),
          raw.stringValue(),
          List.of(),
          List.of(),
          null,
          JsonNodeFactory.instance.objectNode(),
          pointer);
    }
    int before = diagnostics.all().size();
    String type = decodeString(MapDecode.STRICT, raw, "type", "Type", pointer, prefix);
    String name = decodeString(MapDecode.STRICT, raw, "name", "Name", pointer, prefix);
    List<String> only = decodeList(MapDecode.STRICT, raw, "only", "Only", pointer, prefix);
    List<String> except = decodeList(MapDecode.STRICT, raw, "except", "Except", pointer, prefix);
    Boolean keep = null;
    try {
      keep =
          MapDecode.STRICT.optionalBool(
              raw.get("keep_input_artifact"),
              "keep_input_artifact",
              pointer + "/keep_input_artifact");
    } catch (MapDecode.DecodeException e) {
      decodeError(prefix, e);
    }
    if (diagnostics.all().size() != before) {
      return null;
    }
    if (type.isEmpty()) {
      valueError(pointer, prefix + "type is required");
      return null;
    }
    return new PostProcessorBlock(
        i,
        j,
        type,
        name.isEmpty() ? type : name,
        only,
        except,
        keep,
        without(raw, POST_PROCESSOR_KEYS),
        pointer);
  }

  private String decodeString(
      MapDecode decode, JsonNode raw, String key, String field, String pointer, String prefix) {
    try {
      return decode.string(raw.get(key), field, pointer + "/" + key);
    } catch (MapDecode.DecodeException e) {
      decodeError(prefix, e);
      return null;
    }
  }

  private List<String> decodeList(
      MapDecode decode, JsonNode raw, String key, String field, String pointer, String prefix) {
    try {
      return decode.stringList(raw.get(key), field, pointer + "/" + key);
    } catch (MapDecode.DecodeException e) {
      decodeError(prefix, e);
      return List.of();
    }
  }

  private Duration decodeDuration(JsonNode raw, String key, String pointer, String prefix) {
    try {
      return MapDecode.WEAK.duration(raw.get(key), key, pointer + "/" + key);
    } catch (MapDecode.DecodeException e) {
      decodeError(prefix, e);
      return Duration.ZERO;
    }
  }

  private static ObjectNode without(JsonNode raw, List<String> keys) {
    ObjectNode config = (ObjectNode) raw.deepCopy();
    config.remove(keys);
    return config;
  }

  private static String kindOrNull(JsonNode n) {
    return n.isNull() ? "null" : GoJsonValues.kind(n);
  }

  private void decodeError(String prefix, MapDecode.DecodeException e) {
    valueError(e.pointer(), prefix + e.getMessage());
  }

  private void valueError(String pointer, String message) {
    diagnostics.add(Diagnostic.error(locations.valueAt(pointer), message));
  }
}
