package dev.imagebake.testing.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local Amazon ECR endpoint for {@code ecr_login}: the AWS JSON 1.1 protocol ({@code
 * X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken}), answering with a
 * token that encodes the configured {@code user:password}, or with a scripted error. Records each
 * call with the region and access key of its SigV4 signature. For tests only; point the SDK at it
 * with {@code AWS_ENDPOINT_URL_ECR}.
 */
public final class FakeEcr implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SCOPE =
      Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");

  /** One call: the operation, the JSON body, and the signature's access key, region, service. */
  public record Call(
      String target, JsonNode body, String accessKey, String region, String service) {}

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();
  private volatile String token;
  private volatile String errorCode;
  private volatile String errorMessage;

  private FakeEcr(HttpServer server) {
    this.server = server;
  }

  /** Serves a token for {@code user:password}. */
  public static FakeEcr start(String user, String password) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      FakeEcr fake = new FakeEcr(server);
      fake.token(user, password);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next tokens encode {@code user:password}. */
  public void token(String user, String password) {
    token =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Every call answers 400 with this error (e.g. {@code AccessDeniedException}). */
  public void fail(String code, String message) {
    errorCode = code;
    errorMessage = message;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Matcher scope = SCOPE.matcher(auth == null ? "" : auth);
      boolean signed = scope.find();
      synchronized (this) {
        calls.add(
            new Call(
                target,
                body,
                signed ? scope.group(1) : null,
                signed ? scope.group(2) : null,
                signed ? scope.group(3) : null));
      }
      if (errorCode != null) {
        send(
            exchange,
            400,
            JSON.createObjectNode().put("__type", errorCode).put("message", errorMessage));
        return;
      }
      if (!"AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken".equals(target)) {
        send(
            exchange,
            400,
            JSON.createObjectNode()
                .put("__type", "UnknownOperationException")
                .put("message", "not modelled: " + target));
        return;
      }
      var answer = JSON.createObjectNode();
      var data = answer.putArray("authorizationData").addObject();
      data.put("authorizationToken", token);
      data.put("expiresAt", System.currentTimeMillis() / 1000.0 + 43200);
      String account =
          body.path("registryIds").isArray() && body.path("registryIds").size() > 0
              ? body.path("registryIds").get(0).asText()
              : "000000000000";
      data.put(
          "proxyEndpoint",
          "https://"
              + account
              + ".dkr.ecr."
              + (signed ? scope.group(2) : "us-east-1")
              + ".amazonaws.com");
      send(exchange, 200, answer);
    }
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
