package dev.imagebake.testing.openstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One request to the fake OpenStack.
 *
 * @param name e.g. {@code nova POST /servers/{id}/action os-stop}
 * @param service keystone, nova, glance, neutron or cinder
 * @param segments the path after the service's version prefix, decoded
 */
public record OsCall(
    String name,
    String service,
    String method,
    List<String> segments,
    Map<String, List<String>> query,
    JsonNode body,
    String token) {
  private static final Pattern ID =
      Pattern.compile(".*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*");

  static OsCall of(String method, String rawPath, String rawQuery, String body, String token) {
    List<String> parts = new ArrayList<>();
    for (String p : rawPath.split("/")) {
      if (!p.isEmpty()) {
        parts.add(FakeOpenstack.decode(p));
      }
    }
    String service =
        switch (parts.isEmpty() ? "" : parts.get(0)) {
          case "identity" -> "keystone";
          case "compute" -> "nova";
          case "image" -> "glance";
          case "network" -> "neutron";
          case "volume" -> "cinder";
          default -> "unknown";
        };
    // Drop the service and its version (and Cinder's project id).
    int skip = service.equals("cinder") ? 3 : 2;
    List<String> rest = parts.size() >= skip ? parts.subList(skip, parts.size()) : List.of();
    JsonNode json = body.isBlank() ? null : FakeOpenstack.JSON.readTree(body);
    StringBuilder name = new StringBuilder(service + " " + method + " ");
    for (String s : rest) {
      name.append('/').append(ID.matcher(s).matches() ? "{id}" : s);
    }
    if (!rest.isEmpty()
        && rest.get(rest.size() - 1).equals("action")
        && json != null
        && json.propertyNames().iterator().hasNext()) {
      name.append(' ').append(json.propertyNames().iterator().next());
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String kv : rawQuery.split("&")) {
        int eq = kv.indexOf('=');
        String k = FakeOpenstack.decode(eq < 0 ? kv : kv.substring(0, eq));
        String v = eq < 0 ? "" : FakeOpenstack.decode(kv.substring(eq + 1));
        query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
    }
    return new OsCall(name.toString(), service, method, List.copyOf(rest), query, json, token);
  }

  String q(String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  String seg(int i) {
    return i < segments.size() ? segments.get(i) : null;
  }
}
