package dev.imagebake.postprocessor.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the manifest file byte for byte as Packer does: Go's field order, indentation
 * and escaping, {@code custom_data} keys sorted, no trailing newline. Reading is as lenient as Go's
 * {@code json.Unmarshal}: unknown keys are ignored and key names match case-insensitively.
 */
final class ManifestJson {
  private final JsonMapper mapper = JsonMapper.builder().build();
  private final ObjectWriter writer =
      mapper.writer().with(new GoIndentPrettyPrinter()).with(new GoStringEscapes());

  /**
   * @throws IllegalArgumentException with the parser's message when the text is not a manifest
   */
  ManifestDocument parse(String text) {
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
    if (root == null || root.isNull()) {
      return ManifestDocument.empty();
    }
    requireObject(root, "manifest");
    JsonNode builds = field(root, "builds");
    List<ManifestEntry> entries = null;
    if (builds != null && !builds.isNull()) {
      if (!builds.isArray()) {
        throw new IllegalArgumentException("builds is not an array");
      }
      entries = new ArrayList<>();
      for (JsonNode b : builds) {
        entries.add(parseEntry(b));
      }
    }
    return new ManifestDocument(entries, string(root, "last_run_uuid"));
  }

  private static ManifestEntry parseEntry(JsonNode b) {
    requireObject(b, "build");
    JsonNode filesNode = field(b, "files");
    List<ManifestFileEntry> files = null;
    if (filesNode != null && !filesNode.isNull()) {
      if (!filesNode.isArray()) {
        throw new IllegalArgumentException("files is not an array");
      }
      files = new ArrayList<>();
      for (JsonNode f : filesNode) {
        requireObject(f, "file");
        files.add(new ManifestFileEntry(string(f, "name"), number(f, "size")));
      }
    }
    JsonNode custom = field(b, "custom_data");
    Map<String, String> customData = null;
    if (custom != null && !custom.isNull()) {
      requireObject(custom, "custom_data");
      customData = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : custom.properties()) {
        customData.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString());
      }
    }
    return new ManifestEntry(
        string(b, "name"),
        string(b, "builder_type"),
        number(b, "build_time"),
        files,
        string(b, "artifact_id"),
        string(b, "packer_run_uuid"),
        customData);
  }

  private static void requireObject(JsonNode node, String what) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(what + " is not an object");
    }
  }

  /** Go matches struct fields to keys exactly first, then ignoring case. */
  private static JsonNode field(JsonNode object, String key) {
    JsonNode exact = object.get(key);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String string(JsonNode object, String key) {
    JsonNode v = field(object, key);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isString()) {
      throw new IllegalArgumentException(key + " is not a string");
    }
    return v.stringValue();
  }

  private static long number(JsonNode object, String key) {
    JsonNode v = field(object, key);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(key + " is not an integer");
    }
    return v.longValue();
  }

  String write(ManifestDocument doc) {
    ObjectNode root = mapper.createObjectNode();
    if (doc.builds() == null) {
      root.putNull("builds");
    } else {
      ArrayNode builds = root.putArray("builds");
      for (ManifestEntry e : doc.builds()) {
        writeEntry(builds.addObject(), e);
      }
    }
    root.put("last_run_uuid", doc.lastRunUuid());
    return writer.writeValueAsString(root);
  }

  private static void writeEntry(ObjectNode o, ManifestEntry e) {
    o.put("name", e.name());
    o.put("builder_type", e.builderType());
    if (e.buildTime() != 0) {
      o.put("build_time", e.buildTime());
    }
    if (e.files() == null) {
      o.putNull("files");
    } else {
      ArrayNode files = o.putArray("files");
      for (ManifestFileEntry f : e.files()) {
        files.addObject().put("name", f.name()).put("size", f.size());
      }
    }
    o.put("artifact_id", e.artifactId());
    o.put("packer_run_uuid", e.packerRunUuid());
    if (e.customData() == null) {
      o.putNull("custom_data");
    } else {
      ObjectNode custom = o.putObject("custom_data");
      Map<String, String> sorted = new TreeMap<>(ManifestJson::compareUtf8);
      sorted.putAll(e.customData());
      sorted.forEach(custom::put);
    }
  }

  /** Go sorts map keys by their UTF-8 bytes. */
  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
