package dev.imagebake.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.imagebake.sdk.BuildContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One connection to a Docker engine, found the way the docker CLI finds it: {@code DOCKER_HOST}
 * (default {@code unix:///var/run/docker.sock}), TLS when {@code DOCKER_TLS_VERIFY} is set, with
 * the certificates in {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
 *
 * <p>{@link #api()} is docker-java's client. Two calls need a parameter docker-java's commands do
 * not carry, the Dockerfile instructions ({@code changes}) of a commit and of an import; {@link
 * #commit} and {@link #importImage} send those through docker-java's own transport.
 *
 * @param api docker-java's client
 * @param http the transport under it
 * @param host where the engine listens ({@code DOCKER_HOST})
 * @param tls whether it is spoken to over TLS
 */
public record DockerEngine(DockerClient api, DockerHttpClient http, URI host, boolean tls)
    implements AutoCloseable {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param env the environment to read {@code DOCKER_*} from
   * @param home the user's home directory (for {@code ~/.docker})
   */
  public static DockerEngine open(Map<String, String> env, Path home) {
    String host = nonEmpty(env.get("DOCKER_HOST"), DEFAULT_HOST);
    boolean tls = isTrue(env.get("DOCKER_TLS_VERIFY"));
    String dockerDir = home.resolve(".docker").toString();
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host)
            .withDockerTlsVerify(tls)
            .withDockerConfig(nonEmpty(env.get("DOCKER_CONFIG"), dockerDir));
    if (tls) {
      config.withDockerCertPath(nonEmpty(env.get("DOCKER_CERT_PATH"), dockerDir));
    }
    DefaultDockerClientConfig built = config.build();
    DockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(URI.create(host))
            .sslConfig(built.getSSLConfig())
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(30))
            .build();
    return new DockerEngine(DockerClientImpl.getInstance(built, http), http, URI.create(host), tls);
  }

  /** {@link #open} with the build's environment and home directory. */
  public static DockerEngine of(BuildContext ctx) {
    return open(ctx.environment(), ctx.homeDirectory());
  }

  /**
   * {@code docker commit}: the container's file system as a new image, with {@code changes}
   * (Dockerfile instructions) applied by the engine.
   *
   * @return the new image's id ({@code sha256:...})
   */
  public String commit(String containerId, String author, String message, List<String> changes) {
    StringBuilder query = new StringBuilder("container=").append(encode(containerId));
    append(query, "author", author);
    append(query, "comment", message);
    for (String change : changes) {
      append(query, "changes", change);
    }
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path("/commit?" + query)
            .putHeader("Content-Type", "application/json")
            .bodyBytes("{}".getBytes(StandardCharsets.UTF_8))
            .build();
    try (DockerHttpClient.Response response = http.execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      check(response.getStatusCode(), body);
      return JSON.readTree(body).path("Id").asText();
    } catch (IOException e) {
      throw new DockerEngineException("commit: " + e.getMessage(), e);
    }
  }

  /**
   * {@code docker import}: a flat file-system tarball as a new image named {@code repository:tag}
   * (both may be empty), with {@code changes} applied.
   *
   * @return the new image's id ({@code sha256:...})
   */
  public String importImage(
      InputStream tarball, String repository, String tag, List<String> changes) {
    StringBuilder query = new StringBuilder("fromSrc=-");
    append(query, "repo", repository);
    append(query, "tag", tag);
    for (String change : changes) {
      append(query, "changes", change);
    }
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.POST)
            .path("/images/create?" + query)
            .putHeader("Content-Type", "application/x-tar")
            .body(tarball)
            .build();
    try (DockerHttpClient.Response response = http.execute(request)) {
      if (response.getStatusCode() >= 300) {
        check(
            response.getStatusCode(),
            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
      }
      // A stream of JSON messages; the last status is the image id, an error ends it.
      String id = null;
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(response.getBody(), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode message = JSON.readTree(line);
        if (message.hasNonNull("error")) {
          throw new DockerEngineException(message.get("error").asText(), null);
        }
        if (message.hasNonNull("status")) {
          id = message.get("status").asText();
        }
      }
      if (id == null) {
        throw new DockerEngineException("the engine did not say which image it imported", null);
      }
      return id;
    } catch (IOException e) {
      throw new DockerEngineException("import: " + e.getMessage(), e);
    }
  }

  /**
   * {@code GET path} of an inspect endpoint ({@code /containers/ID/json}, {@code /images/ID/json},
   * {@code /exec/ID/json}) as a JSON tree, through docker-java's transport. For steps that read a
   * field or two: Jackson building the deserializers of docker-java's full inspect types (dozens of
   * classes each) costs ~0.1 s of CPU per type in a short-lived JVM, a large share of a short
   * build's own CPU time.
   *
   * @throws NotFoundException when the engine has no such object
   */
  public JsonNode inspect(String path) {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path(path)
            .build();
    try (DockerHttpClient.Response response = http.execute(request)) {
      String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
      if (response.getStatusCode() == 404) {
        throw new NotFoundException(message(body));
      }
      check(response.getStatusCode(), body);
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path + ": " + e.getMessage(), e);
    }
  }

  /** {@code docker inspect CONTAINER} as a JSON tree (see {@link #inspect}). */
  public JsonNode inspectContainer(String id) {
    return inspect("/containers/" + id + "/json");
  }

  /** {@code docker image inspect IMAGE} as a JSON tree (see {@link #inspect}). */
  public JsonNode inspectImage(String image) {
    return inspect("/images/" + image + "/json");
  }

  private static String message(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node.hasNonNull("message")) {
        return node.get("message").asText();
      }
    } catch (IOException notJson) {
      // keep the body as it is
    }
    return body.strip();
  }

  private static void check(int status, String body) {
    if (status >= 300) {
      String message = body;
      try {
        JsonNode node = JSON.readTree(body);
        if (node.hasNonNull("message")) {
          message = node.get("message").asText();
        }
      } catch (IOException notJson) {
        // keep the body as it is
      }
      throw new DockerEngineException(message.strip(), null);
    }
  }

  private static void append(StringBuilder query, String name, String value) {
    if (value != null && !value.isEmpty()) {
      query.append('&').append(name).append('=').append(encode(value));
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    try {
      api.close();
    } catch (IOException | RuntimeException ignored) {
      // the connection is being dropped anyway
    }
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static boolean isTrue(String value) {
    return value != null
        && !value.isEmpty()
        && !value.equals("0")
        && !value.equalsIgnoreCase("false");
  }

  /** An error the engine answered with, in its own words. */
  public static final class DockerEngineException extends DockerException {
    private static final long serialVersionUID = 1L;

    DockerEngineException(String message, Throwable cause) {
      super(message, 500, cause);
    }
  }
}
