package dev.imagebake.testing.digitalocean;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local DigitalOcean API v2 endpoint (JSON, Bearer token, DigitalOcean's {@code {"id",
 * "message"}} errors, pages with {@code links.pages.next}) on a free loopback port, holding a
 * {@link DoWorld}. Point the builder's {@code api_url} at {@link #url()}. For tests, and standalone
 * for the bench ({@link FakeDigitalOceanMain}).
 *
 * <p>Operations (the names faults and hooks use): {@code listRegions}, {@code createKey}, {@code
 * listKeys}, {@code deleteKey}, {@code createDroplet}, {@code getDroplet}, {@code listDroplets},
 * {@code deleteDroplet}, {@code dropletAction.<type>}, {@code getDropletAction}, {@code
 * listDropletActions}, {@code dropletSnapshots}, {@code imageAction.<type>}, {@code
 * getImageAction}, {@code getImage}, {@code deleteImage}. Anything else answers 404.
 */
public final class FakeDigitalOcean implements AutoCloseable {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private static final Pattern ID = Pattern.compile("(?<=/)\\d+(?=/|$)");

  private final HttpServer server;
  private final ExecutorService executor;
  private final DoWorld world = new DoWorld();
  private final DoFaults faults = new DoFaults();
  private final List<DoRequest> calls = new CopyOnWriteArrayList<>();
  private final Map<String, List<Consumer<DoRequest>>> hooks = new ConcurrentHashMap<>();
  private volatile String token = "fake-do-token";

  private FakeDigitalOcean(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static FakeDigitalOcean start() {
    return start(0);
  }

  public static FakeDigitalOcean start(int port) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      FakeDigitalOcean fake = new FakeDigitalOcean(server, executor);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT/}, for {@code api_url}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** The token the fake accepts (any other answers 401). */
  public String token() {
    return token;
  }

  public FakeDigitalOcean token(String accepted) {
    this.token = accepted;
    return this;
  }

  public DoWorld world() {
    return world;
  }

  public DoFaults faults() {
    return faults;
  }

  /** Every request received, faulted ones included, in order. */
  public List<DoRequest> calls() {
    return List.copyOf(calls);
  }

  /** The operations of {@link #calls()}. */
  public List<String> ops() {
    return calls.stream().map(DoRequest::op).toList();
  }

  /**
   * Runs {@code hook} when a call of {@code op} ({@code "*"}: any) arrives, before anything else.
   */
  public void onOp(String op, Consumer<DoRequest> hook) {
    hooks.computeIfAbsent(op, o -> new CopyOnWriteArrayList<>()).add(hook);
  }

  /** An error answer. */
  static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String id;

    ApiError(int status, String id, String message) {
      super(message);
      this.status = status;
      this.id = id;
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      JsonNode body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      String op = op(method, path, body);
      DoRequest request =
          new DoRequest(
              op,
              method,
              path,
              query,
              body,
              exchange.getRequestHeaders().getFirst("Authorization"));
      calls.add(request);
      for (String key : List.of(op, "*")) {
        for (Consumer<DoRequest> hook : hooks.getOrDefault(key, List.of())) {
          hook.accept(request);
        }
      }
      if (!("Bearer " + token).equals(request.authorization())) {
        send(exchange, 401, error("unauthorized", "Unable to authenticate you"), Map.of());
        return;
      }
      var fault = faults.take(op);
      if (fault.isPresent()) {
        var f = fault.get();
        switch (f.kind()) {
          case LOSE_ANSWER -> {
            try {
              dispatch(request);
            } catch (RuntimeException ignored) {
              // The answer is lost either way.
            }
            return;
          }
          case DROP -> {
            return;
          }
          default -> {
            Map<String, String> headers =
                f.status() == 429
                    ? Map.of("RateLimit-Reset", Long.toString(System.currentTimeMillis() / 1000))
                    : Map.of();
            send(exchange, f.status(), error(f.id(), f.message()), headers);
            return;
          }
        }
      }
      try {
        Object answer = dispatch(request);
        int status = method.equals("POST") ? (op.startsWith("create") ? 201 : 201) : 200;
        if (answer == null) {
          send(exchange, 204, null, Map.of());
        } else {
          send(
              exchange,
              method.equals("GET") ? 200 : status,
              JSON.writeValueAsString(answer),
              Map.of());
        }
      } catch (ApiError e) {
        send(exchange, e.status, error(e.id, e.getMessage()), Map.of());
      } catch (RuntimeException e) {
        send(exchange, 500, error("server_error", "fake DigitalOcean failed: " + e), Map.of());
      }
    }
  }

  /** The operation's name, from the method and path (and the action's type). */
  static String op(String method, String path, JsonNode body) {
    String[] p = path.replaceAll("^/+|/+$", "").split("/");
    String joined =
        String.join(
            "/", java.util.Arrays.stream(p).map(x -> x.matches("\\d+") ? "{id}" : x).toList());
    String type = body.path("type").asString("");
    return switch (method + " " + joined) {
      case "GET v2/regions" -> "listRegions";
      case "POST v2/account/keys" -> "createKey";
      case "GET v2/account/keys" -> "listKeys";
      case "DELETE v2/account/keys/{id}" -> "deleteKey";
      case "POST v2/droplets" -> "createDroplet";
      case "GET v2/droplets" -> "listDroplets";
      case "GET v2/droplets/{id}" -> "getDroplet";
      case "DELETE v2/droplets/{id}" -> "deleteDroplet";
      case "POST v2/droplets/{id}/actions" -> "dropletAction." + type;
      case "GET v2/droplets/{id}/actions" -> "listDropletActions";
      case "GET v2/droplets/{id}/actions/{id}" -> "getDropletAction";
      case "GET v2/droplets/{id}/snapshots" -> "dropletSnapshots";
      case "POST v2/images/{id}/actions" -> "imageAction." + type;
      case "GET v2/images/{id}/actions/{id}" -> "getImageAction";
      case "GET v2/images/{id}" -> "getImage";
      case "DELETE v2/images/{id}" -> "deleteImage";
      default -> method + " " + path;
    };
  }

  private Object dispatch(DoRequest r) {
    List<Long> ids = new ArrayList<>();
    Matcher m = ID.matcher(r.path());
    while (m.find()) {
      ids.add(Long.parseLong(m.group()));
    }
    synchronized (world) {
      return DoOperations.run(world, r, ids);
    }
  }

  private static String error(String id, String message) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", id);
    e.put("message", message);
    e.put("request_id", UUID.randomUUID().toString());
    return JSON.writeValueAsString(e);
  }

  private static void send(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("x-request-id", UUID.randomUUID().toString());
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
