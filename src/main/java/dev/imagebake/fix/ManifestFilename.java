package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code manifest-filename}: a string {@code filename} of a manifest post-processor becomes {@code
 * output}.
 */
final class ManifestFilename extends PostProcessorFixer {
  @Override
  public String name() {
    return "manifest-filename";
  }

  @Override
  public String synopsis() {
    return "Updates \"manifest\" post-processor so any \"filename\" field is renamed to \"output\".";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("packer.post-processor.manifest", List.of("filename"));
  }

  @Override
  String type() {
    return "manifest";
  }

  @Override
  void fixPostProcessor(Map<String, Object> pp) {
    if (pp.get("filename") instanceof String filename) {
      pp.remove("filename");
      pp.put("output", filename);
    }
  }
}
