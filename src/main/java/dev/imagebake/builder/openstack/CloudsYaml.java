package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.BuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The settings of {@code cloud} (or {@code OS_CLOUD}) from {@code clouds.yaml}, looked up as
 * gophercloud does: {@code OS_CLIENT_CONFIG_FILE}, else {@code ./clouds.yaml}, {@code
 * ~/.config/openstack/clouds.yaml}, {@code /etc/openstack/clouds.yaml}. Flattened to the keys of
 * its {@code auth} section plus {@code region_name}, {@code interface}, {@code verify}, {@code
 * cacert}, {@code cert}, {@code key}.
 */
final class CloudsYaml {
  private CloudsYaml() {}

  /** The named cloud's settings, or null when no cloud is named. */
  static Map<String, String> cloud(OsAccessConfig access, BuildContext ctx) {
    String name = OsCredentials.first(access.cloud(), ctx.environment().get("OS_CLOUD"));
    if (name == null) {
      return null;
    }
    List<Path> candidates = new ArrayList<>();
    String file = ctx.environment().get("OS_CLIENT_CONFIG_FILE");
    if (file != null && !file.isEmpty()) {
      candidates.add(ctx.localPath(file));
    }
    candidates.add(ctx.workingDirectory().resolve("clouds.yaml"));
    candidates.add(ctx.homeDirectory().resolve(".config/openstack/clouds.yaml"));
    candidates.add(Path.of("/etc/openstack/clouds.yaml"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return read(p, name);
      }
    }
    throw new IllegalStateException("no clouds.yaml file found: looked at " + candidates);
  }

  static Map<String, String> read(Path file, String name) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(Files.readString(file));
    } catch (Exception e) {
      throw new IllegalStateException("Error reading " + file + ": " + e.getMessage(), e);
    }
    JsonNode cloud = root.path("clouds").path(name);
    if (!cloud.isObject()) {
      throw new IllegalStateException("cloud " + name + " does not exist in " + file);
    }
    Map<String, String> flat = new LinkedHashMap<>();
    for (var e : cloud.path("auth").properties()) {
      if (e.getValue().isValueNode()) {
        flat.put(e.getKey(), e.getValue().asString());
      }
    }
    for (String k : List.of("region_name", "interface", "verify", "cacert", "cert", "key")) {
      if (cloud.path(k).isValueNode()) {
        flat.put(k, cloud.path(k).asString());
      }
    }
    return flat;
  }
}
