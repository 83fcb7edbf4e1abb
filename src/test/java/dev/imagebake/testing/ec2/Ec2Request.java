package dev.imagebake.testing.ec2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One EC2 Query request as the fake received it: the form parameters (flattened, 1-based lists),
 * the region from the SigV4 scope and the SDK's attempt header.
 *
 * @param action the {@code Action} parameter
 * @param region the region the request was signed for
 * @param params every form parameter, in the order sent
 * @param attempt the {@code amz-sdk-request} header ({@code attempt=1; max=4}), or empty
 * @param accessKeyId the access key id the request was signed with, or empty
 */
public record Ec2Request(
    String action, String region, Map<String, String> params, String attempt, String accessKeyId) {

  static Ec2Request parse(String body, String authorization, String attempt) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      String name = decode(key);
      String text = decode(value);
      // Packer's SDK (aws-sdk-go) sends unset ids and zones as empty strings (VpcId=,
      // SubnetId=, Placement.AvailabilityZone=); EC2 takes them as unset.
      if (text.isEmpty() && (name.endsWith("Id") || name.endsWith("AvailabilityZone"))) {
        continue;
      }
      params.put(name, text);
    }
    return new Ec2Request(
        params.getOrDefault("Action", ""),
        regionOf(authorization),
        Map.copyOf(params),
        attempt == null ? "" : attempt,
        accessKeyOf(authorization));
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String accessKeyOf(String authorization) {
    if (authorization == null || !authorization.contains("Credential=")) {
      return "";
    }
    return authorization.substring(authorization.indexOf("Credential=") + 11).split("/")[0];
  }

  /** {@code Credential=AKID/20240101/us-east-1/ec2/aws4_request} gives us-east-1. */
  private static String regionOf(String authorization) {
    if (authorization == null) {
      return "us-east-1";
    }
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return "us-east-1";
    }
    String[] scope = authorization.substring(at + "Credential=".length()).split("[/,]");
    return scope.length > 2 ? scope[2] : "us-east-1";
  }

  /** The parameter, or null. */
  public String get(String key) {
    return params.get(key);
  }

  public String get(String key, String otherwise) {
    return params.getOrDefault(key, otherwise);
  }

  public boolean flag(String key) {
    return "true".equals(params.get(key));
  }

  /** The values of {@code prefix.1}, {@code prefix.2}, ... */
  public List<String> list(String prefix) {
    List<String> values = new ArrayList<>();
    for (int i = 1; params.containsKey(prefix + "." + i); i++) {
      values.add(params.get(prefix + "." + i));
    }
    return values;
  }

  /** How many {@code prefix.N.*} entries there are. */
  public int count(String prefix) {
    int n = 0;
    while (hasPrefix(prefix + "." + (n + 1) + ".") || params.containsKey(prefix + "." + (n + 1))) {
      n++;
    }
    return n;
  }

  private boolean hasPrefix(String prefix) {
    return params.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** The parameters under {@code prefix.}, with the prefix removed (a nested structure). */
  public Ec2Request sub(String prefix) {
    Map<String, String> inner = new LinkedHashMap<>();
    String p = prefix + ".";
    params.forEach(
        (k, v) -> {
          if (k.startsWith(p)) {
            inner.put(k.substring(p.length()), v);
          }
        });
    return new Ec2Request(action, region, inner, attempt, accessKeyId);
  }

  /** {@code Filter.N.Name} / {@code Filter.N.Value.M} as name to values. */
  public Map<String, List<String>> filters() {
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (int i = 1; i <= count("Filter"); i++) {
      Ec2Request f = sub("Filter." + i);
      filters.put(f.get("Name"), f.list("Value"));
    }
    return filters;
  }

  /** {@code prefix.N.Key} / {@code prefix.N.Value}. */
  public Map<String, String> tags(String prefix) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i <= count(prefix); i++) {
      Ec2Request t = sub(prefix + "." + i);
      tags.put(t.get("Key"), t.get("Value", ""));
    }
    return tags;
  }

  /** The tags of the {@code TagSpecification} entry for {@code resourceType}. */
  public Map<String, String> tagSpecification(String resourceType) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i <= count("TagSpecification"); i++) {
      Ec2Request spec = sub("TagSpecification." + i);
      if (resourceType.equals(spec.get("ResourceType"))) {
        tags.putAll(spec.tags("Tag"));
      }
    }
    return tags;
  }
}
