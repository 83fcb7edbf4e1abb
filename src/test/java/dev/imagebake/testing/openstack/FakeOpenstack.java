package dev.imagebake.testing.openstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.imagebake.testing.ScriptedFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local OpenStack on a free loopback port: Keystone v3 (password, token and application
 * credential auth, a catalog pointing at this same server), and the parts of Nova, Glance, Neutron
 * and Cinder the openstack builder uses, over one {@link OsWorld}. Every call is named like {@code
 * nova POST /servers} or {@code nova POST /servers/{id}/action os-stop} (ids become {@code {id}}),
 * for {@link #faults()} and {@link #onCall hooks}. Unknown calls answer 404 so they show up. For
 * tests only.
 */
public final class FakeOpenstack implements AutoCloseable {
  public static final String USER = "demo";
  public static final String PASSWORD = "not-a-real-password";
  public static final String TOKEN = "gAAAA-fake-token";
  public static final String APP_CREDENTIAL_ID = "appcred-1";
  public static final String APP_CREDENTIAL_SECRET = "appcred-secret";

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final ExecutorService executor;
  private final OsWorld world = new OsWorld();
  private final ScriptedFaults faults = new ScriptedFaults();
  private final List<OsCall> calls = new CopyOnWriteArrayList<>();
  private final Map<String, List<Consumer<OsCall>>> hooks = new ConcurrentHashMap<>();
  private final OsRoutes routes;
  private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();

  private FakeOpenstack(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
    this.routes = new OsRoutes(world, this);
  }

  public static FakeOpenstack start() {
    return start(null);
  }

  /**
   * Serves HTTPS with {@code tls}'s certificate, and asks every client for a certificate that
   * {@code tls} trusts (a handshake without one fails), as an OpenStack behind a TLS proxy that
   * checks client certificates does.
   */
  public static FakeOpenstack startTls(SSLContext tls) {
    return start(tls);
  }

  private static FakeOpenstack start(SSLContext tls) {
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
      HttpServer server;
      if (tls == null) {
        server = HttpServer.create(address, 0);
      } else {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(
            new HttpsConfigurator(tls) {
              @Override
              public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
              }
            });
        server = https;
      }
      ExecutorService executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      FakeOpenstack fake = new FakeOpenstack(server, executor);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keystone's URL, for {@code identity_endpoint}. */
  public String identityEndpoint() {
    return base() + "/identity/v3";
  }

  String base() {
    return (server instanceof HttpsServer ? "https" : "http")
        + "://127.0.0.1:"
        + server.getAddress().getPort();
  }

  public OsWorld world() {
    return world;
  }

  public ScriptedFaults faults() {
    return faults;
  }

  /** The names of every call received, faulted ones included, in order. */
  public List<String> callNames() {
    return calls.stream().map(OsCall::name).toList();
  }

  public List<OsCall> calls() {
    return List.copyOf(calls);
  }

  /** Runs {@code hook} when a call named {@code name} ({@code "*"}: any) arrives, before faults. */
  public void onCall(String name, Consumer<OsCall> hook) {
    hooks.computeIfAbsent(name, a -> new CopyOnWriteArrayList<>()).add(hook);
  }

  String newToken() {
    String t = "tok-" + UUID.randomUUID();
    tokens.put(t, true);
    return t;
  }

  /** Forgets every token issued, as when they expire: the next call answers 401. */
  public void expireTokens() {
    tokens.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      OsCall call =
          OsCall.of(
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              body,
              exchange.getRequestHeaders().getFirst("X-Auth-Token"));
      calls.add(call);
      for (String key : List.of(call.name(), "*")) {
        for (Consumer<OsCall> hook : hooks.getOrDefault(key, List.of())) {
          hook.accept(call);
        }
      }
      var fault = faults.take(call.name());
      if (fault.isPresent() && fault.get().kind() == ScriptedFaults.Kind.LOSE_ANSWER) {
        try {
          dispatch(call);
        } catch (RuntimeException ignored) {
          // The answer is lost either way.
        }
        return;
      }
      if (fault.isPresent() && fault.get().kind() == ScriptedFaults.Kind.DROP) {
        return;
      }
      if (fault.isPresent()) {
        var f = fault.get();
        send(exchange, new OsAnswer(f.status(), Map.of(), error(f.status(), f.message())));
        return;
      }
      send(exchange, dispatch(call));
    }
  }

  private OsAnswer dispatch(OsCall call) {
    if (!call.service().equals("keystone")
        && (call.token() == null || !tokens.containsKey(call.token()))) {
      return new OsAnswer(
          401, Map.of(), error(401, "The request you have made requires authentication."));
    }
    try {
      synchronized (world) {
        return routes.handle(call);
      }
    } catch (OsRoutes.HttpError e) {
      return new OsAnswer(e.status, Map.of(), error(e.status, e.getMessage()));
    } catch (RuntimeException e) {
      return new OsAnswer(500, Map.of(), error(500, "fake OpenStack failed: " + e));
    }
  }

  static Map<String, Object> error(int status, String message) {
    return Map.of("error", Map.of("code", status, "message", message == null ? "" : message));
  }

  private static void send(HttpExchange exchange, OsAnswer answer) throws IOException {
    byte[] bytes =
        answer.body() == null
            ? new byte[0]
            : JSON.writeValueAsString(answer.body()).getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** One answer: status, extra headers, a JSON-able body or null. */
  record OsAnswer(int status, Map<String, String> headers, Object body) {}

  /** The calls named {@code name}, in order. */
  public List<OsCall> calls(String name) {
    List<OsCall> list = new ArrayList<>();
    calls.forEach(
        c -> {
          if (c.name().equals(name)) {
            list.add(c);
          }
        });
    return list;
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
