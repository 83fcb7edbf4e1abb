package dev.imagebake.builder.openstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Keystone v3 session and the calls of Nova, Glance, Neutron and Cinder, on the JDK's HttpClient
 * with Jackson. Authenticates once, finds each service's endpoint in the catalog (interface and
 * region as configured), and authenticates again once on a 401 (an expired token, as Packer's
 * AllowReauth). Reads and deletes are retried when the connection drops or the service is
 * unavailable (502/503/504); creations never are, so a lost answer never makes a second resource.
 * Thread-safe.
 */
final class OsClient {
  private static final Logger LOG = LoggerFactory.getLogger(OsClient.class);

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final OsCredentials creds;
  private final OsTuning tuning;
  private volatile String token;
  private volatile Map<OsService, String> endpoints = Map.of();

  private OsClient(HttpClient http, OsCredentials creds, OsTuning tuning) {
    this.http = http;
    this.creds = creds;
    this.tuning = tuning;
  }

  /** Authenticates; throws {@link OsApiException} when Keystone refuses. */
  static OsClient connect(OsCredentials creds, OsTuning tuning) {
    if (creds.authUrl() == null) {
      throw new OsApiException(
          0, "Missing input for argument [auth_url]: set identity_endpoint or OS_AUTH_URL");
    }
    HttpClient http =
        OsTls.configure(HttpClient.newBuilder().connectTimeout(tuning.requestTimeout()), creds)
            .build();
    OsClient client = new OsClient(http, creds, tuning);
    client.authenticate();
    return client;
  }

  /** The answer of one call: status, headers, body (null when empty). */
  record Answer(int status, Map<String, List<String>> headers, JsonNode body) {
    Optional<String> header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return Optional.of(e.getValue().get(0));
        }
      }
      return Optional.empty();
    }
  }

  JsonNode get(OsService service, String path) {
    return call("GET", service, path, null, null).body();
  }

  Answer post(OsService service, String path, Object body) {
    return call("POST", service, path, body, null);
  }

  Answer put(OsService service, String path, Object body) {
    return call("PUT", service, path, body, null);
  }

  /** A Glance JSON patch. */
  Answer patchImage(String path, Object operations) {
    return call(
        "PATCH", OsService.IMAGE, path, operations, "application/openstack-images-v2.1-json-patch");
  }

  void delete(OsService service, String path) {
    call("DELETE", service, path, null, null);
  }

  /** The endpoint URL of {@code service} with its version path, for messages and tests. */
  String endpoint(OsService service) {
    String url = endpoints.get(service);
    if (url == null) {
      throw new OsApiException(
          0,
          "No suitable endpoint could be found in the service catalog for "
              + service.types.get(0)
              + " ("
              + creds.endpointInterface()
              + (creds.region() == null ? "" : ", region " + creds.region())
              + ")");
    }
    return url;
  }

  private Answer call(
      String method, OsService service, String path, Object body, String contentType) {
    boolean idempotent = method.equals("GET") || method.equals("DELETE");
    int attempts = idempotent ? tuning.attempts() : 1;
    boolean reauthenticated = false;
    for (int attempt = 1; ; attempt++) {
      String url = endpoint(service) + path;
      HttpResponse<String> response;
      long start = System.nanoTime();
      try {
        response = send(method, url, body, contentType, token);
      } catch (IOException e) {
        LOG.debug(
            "{} {} (attempt {}): no answer after {} ms: {}",
            method,
            url,
            attempt,
            (System.nanoTime() - start) / 1_000_000,
            e.toString());
        if (attempt < attempts) {
          LOG.debug("{} {}: retrying in {} ms", method, url, tuning.retryDelay().toMillis());
          pause();
          continue;
        }
        throw new OsApiException(
            "Error sending request [" + method + " " + url + "]: " + e.getMessage(), e);
      }
      int status = response.statusCode();
      if (status == 401 && !reauthenticated) {
        LOG.debug("{} {}: token expired, authenticating again", method, url);
        reauthenticated = true;
        authenticate();
        attempt--;
        continue;
      }
      if ((status == 502 || status == 503 || status == 504) && attempt < attempts) {
        LOG.debug("{} {}: retrying in {} ms", method, url, tuning.retryDelay().toMillis());
        pause();
        continue;
      }
      if (status >= 400) {
        throw unexpected(method, url, status, response.body());
      }
      JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
      return new Answer(status, response.headers().map(), json);
    }
  }

  private void pause() {
    try {
      Thread.sleep(tuning.retryDelay().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OsApiException("interrupted", e);
    }
  }

  private HttpResponse<String> send(
      String method, String url, Object body, String contentType, String authToken)
      throws IOException {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(
                JSON.writeValueAsString(body), StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            // As Go's net/http (gophercloud): HTTP/2 over TLS only; no h2c upgrade on plain http.
            .version(
                url.startsWith("http:") ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
            .timeout(tuning.requestTimeout())
            .header("Accept", "application/json")
            .header("User-Agent", "imagebake openstack builder")
            .method(method, publisher);
    if (body != null) {
      request.header("Content-Type", contentType == null ? "application/json" : contentType);
    }
    if (authToken != null) {
      request.header("X-Auth-Token", authToken);
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      LOG.debug(
          "{} {}: {} in {} ms",
          method,
          url,
          response.statusCode(),
          (System.nanoTime() - start) / 1_000_000);
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Keystone v3: POST /auth/tokens; keeps the token and the endpoints of the catalog. */
  private synchronized void authenticate() {
    String base = creds.authUrl().replaceAll("/+$", "");
    String url = (base.endsWith("/v3") ? base : base + "/v3") + "/auth/tokens";
    HttpResponse<String> response = null;
    IOException failure = null;
    for (int attempt = 1; attempt <= tuning.attempts() && response == null; attempt++) {
      try {
        response = send("POST", url, KeystoneAuth.body(creds), null, null);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (response == null) {
      throw new OsApiException(
          "Error authenticating at " + url + ": " + failure.getMessage(), failure);
    }
    if (response.statusCode() >= 400) {
      throw unexpected("POST", url, response.statusCode(), response.body());
    }
    String subject = response.headers().firstValue("X-Subject-Token").orElse(null);
    if (subject == null) {
      throw new OsApiException(0, "Keystone answered without an X-Subject-Token header: " + url);
    }
    JsonNode catalog = JSON.readTree(response.body()).path("token").path("catalog");
    Map<OsService, String> found = new EnumMap<>(OsService.class);
    for (OsService service : OsService.values()) {
      endpointOf(catalog, service).ifPresent(u -> found.put(service, u));
    }
    token = subject;
    endpoints = found;
  }

  private Optional<String> endpointOf(JsonNode catalog, OsService service) {
    for (String type : service.types) {
      for (JsonNode entry : catalog) {
        if (!type.equals(entry.path("type").asString())) {
          continue;
        }
        for (JsonNode e : entry.path("endpoints")) {
          String region =
              e.path("region_id").isMissingNode()
                  ? e.path("region").asString()
                  : e.path("region_id").asString();
          if (e.path("interface").asString().equals(creds.endpointInterface())
              && (creds.region() == null
                  || creds.region().equals(region)
                  || creds.region().equals(e.path("region").asString()))) {
            return Optional.of(withVersion(e.path("url").asString(), service));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String withVersion(String url, OsService service) {
    String trimmed = url.replaceAll("/+$", "");
    if (service.versionPath.isEmpty() || trimmed.matches(".*/v\\d+(\\.\\d+)?$")) {
      return trimmed;
    }
    return trimmed + service.versionPath;
  }

  private static OsApiException unexpected(String method, String url, int status, String body) {
    return new OsApiException(
        status,
        "Expected HTTP response code [2xx] when accessing ["
            + method
            + " "
            + url
            + "], but got "
            + status
            + " instead"
            + (body == null || body.isBlank() ? "" : "\n" + shorten(body)));
  }

  private static String shorten(String body) {
    return body.length() > 500 ? body.substring(0, 500) + "…" : body;
  }

  /** A map in insertion order, for request bodies. */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        m.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return m;
  }
}
