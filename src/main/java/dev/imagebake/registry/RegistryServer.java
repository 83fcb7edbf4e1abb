package dev.imagebake.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code registry serve}: a read-only JSON API under {@code /api/} and server-rendered HTML pages
 * ({@code /}, {@code /buckets/NAME}), answering GET only. Requests are served one at a time on the
 * registry's single connection, which keeps every answer a consistent read.
 *
 * <pre>
 * GET /api/buckets
 * GET /api/buckets/NAME/versions
 * GET /api/buckets/NAME/versions/N
 * GET /api/buckets/NAME/channels
 * GET /api/buckets/NAME/channels/CHANNEL          the version it points at (409 when revoked)
 * GET /api/buckets/NAME/channels/CHANNEL/history
 * </pre>
 */
public final class RegistryServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Registry registry;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private RegistryServer(HttpServer server, ExecutorService executor, Registry registry) {
    this.server = server;
    this.executor = executor;
    this.registry = registry;
  }

  /**
   * Starts serving {@code registry} on {@code listen} ({@code HOST:PORT}; port 0 picks one).
   *
   * @throws RegistryException (usage) for a malformed address, or when it cannot listen there
   */
  public static RegistryServer start(Registry registry, String listen) {
    int colon = listen.lastIndexOf(':');
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (colon <= 0 || port < 0 || port > 65535) {
      throw RegistryException.usage("--listen must be HOST:PORT, not '" + listen + "'");
    }
    String host = listen.substring(0, colon).replace("[", "").replace("]", "");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw RegistryException.usage("cannot listen on " + listen + ": " + e.getMessage());
    }
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "registry-serve");
              t.setDaemon(true);
              return t;
            });
    RegistryServer s = new RegistryServer(server, executor, registry);
    server.setExecutor(executor);
    server.createContext("/", s::handle);
    server.start();
    return s;
  }

  /** The address it serves, e.g. {@code http://127.0.0.1:8080/}. */
  public String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + "/";
  }

  /** Blocks until {@link #close} (or the process ends). */
  public void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    stopped.countDown();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        send(ex, 405, "application/json", error("read-only: GET only"));
        return;
      }
      List<String> path = segments(ex.getRequestURI().getRawPath());
      try {
        if (!path.isEmpty() && path.get(0).equals("api")) {
          api(ex, path.subList(1, path.size()));
        } else {
          page(ex, path);
        }
      } catch (RegistryException e) {
        boolean api = !path.isEmpty() && path.get(0).equals("api");
        int status = e.getMessage().contains("revoked") ? 409 : e.usage() ? 400 : 404;
        if (api) {
          send(ex, status, "application/json", error(e.getMessage()));
        } else {
          send(ex, status, "text/html", WebPage.error(e.getMessage()));
        }
      }
    }
  }

  private void api(HttpExchange ex, List<String> p) throws IOException {
    Object body;
    if (p.equals(List.of("buckets"))) {
      body = registry.buckets();
    } else if (p.size() == 3 && p.get(0).equals("buckets") && p.get(2).equals("versions")) {
      body = registry.versions(p.get(1));
    } else if (p.size() == 4 && p.get(0).equals("buckets") && p.get(2).equals("versions")) {
      body = registry.show(p.get(1), number(p.get(3)));
    } else if (p.size() == 3 && p.get(0).equals("buckets") && p.get(2).equals("channels")) {
      body = registry.channels(p.get(1));
    } else if (p.size() == 4 && p.get(0).equals("buckets") && p.get(2).equals("channels")) {
      body = registry.resolve(p.get(1), p.get(3));
    } else if (p.size() == 5
        && p.get(0).equals("buckets")
        && p.get(2).equals("channels")
        && p.get(4).equals("history")) {
      body = registry.history(p.get(1), p.get(3));
    } else {
      send(ex, 404, "application/json", error("no such endpoint: " + ex.getRequestURI()));
      return;
    }
    send(ex, 200, "application/json", RegistryJson.of(body));
  }

  private void page(HttpExchange ex, List<String> p) throws IOException {
    if (p.isEmpty()) {
      send(ex, 200, "text/html", WebPage.index(registry.buckets()));
    } else if (p.size() == 2 && p.get(0).equals("buckets")) {
      String bucket = p.get(1);
      List<Version> versions = registry.versions(bucket);
      List<Version> full = new ArrayList<>();
      // Builds of the newest versions only: a bucket may hold thousands.
      for (int i = versions.size() - 1; i >= 0 && full.size() < WebPage.DETAILED; i--) {
        full.add(registry.show(bucket, versions.get(i).number()));
      }
      Map<String, List<ChannelMove>> history = new java.util.TreeMap<>();
      for (Channel c : registry.channels(bucket)) {
        history.put(c.name(), registry.history(bucket, c.name()));
      }
      send(
          ex,
          200,
          "text/html",
          WebPage.bucket(bucket, versions, full, registry.channels(bucket), history));
    } else {
      send(ex, 404, "text/html", WebPage.error("no such page: " + ex.getRequestURI().getPath()));
    }
  }

  private static int number(String s) {
    try {
      return Integer.parseInt(s.startsWith("v") ? s.substring(1) : s);
    } catch (NumberFormatException e) {
      throw RegistryException.usage("not a version number: '" + s + "'");
    }
  }

  private static List<String> segments(String raw) {
    List<String> out = new ArrayList<>();
    for (String s : raw.split("/")) {
      if (!s.isEmpty()) {
        out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String error(String message) {
    return RegistryJson.of(Map.of("error", message));
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
