package dev.imagebake.testing.ec2;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.imagebake.testing.ScriptedFaults;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
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

/**
 * A local EC2 endpoint speaking the EC2 Query protocol (form-encoded {@code Action}, XML answers in
 * the 2016-11-15 namespace, EC2's {@code <Response><Errors>} error format) on a free loopback port.
 * Point the real SDK at {@link #endpoint()}. For tests only.
 *
 * <pre>{@code
 * try (FakeEc2 ec2 = FakeEc2.start()) {
 *   ec2.faults().throttle("RunInstances", 2);
 *   ... build with custom_endpoint_ec2 = ec2.endpoint() ...
 *   assertThat(ec2.world().instances()).allMatch(Instance::isTerminated);
 * }
 * }</pre>
 *
 * <p>Unknown actions answer 400 {@code InvalidAction}, so calls the fake does not model show up.
 */
public final class FakeEc2 implements AutoCloseable {
  private static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Ec2World world = new Ec2World();
  private final ScriptedFaults faults = new ScriptedFaults();
  private final List<Ec2Request> calls = new CopyOnWriteArrayList<>();
  private final Map<String, List<Consumer<Ec2Request>>> hooks = new ConcurrentHashMap<>();
  private final InstanceActions instanceActions = new InstanceActions(world);
  private final ImageActions imageActions = new ImageActions(world, instanceActions);
  private final NetworkActions networkActions = new NetworkActions(world);

  private FakeEc2(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static FakeEc2 start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      // Handlers must not share the dispatcher thread, or a slow answer blocks every retry.
      ExecutorService executor = Executors.newCachedThreadPool();
      server.setExecutor(executor);
      FakeEc2 fake = new FakeEc2(server, executor);
      server.createContext("/", fake::handle);
      server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, for {@code custom_endpoint_ec2}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public Ec2World world() {
    return world;
  }

  public ScriptedFaults faults() {
    return faults;
  }

  /** Every request received, faulted ones included, in order. */
  public List<Ec2Request> calls() {
    return List.copyOf(calls);
  }

  /** The actions of {@link #calls()}. */
  public List<String> actions() {
    return calls.stream().map(Ec2Request::action).toList();
  }

  /**
   * Runs {@code hook} when a call of {@code action} ({@code "*"}: any) arrives, before faults and
   * before the action; e.g. to cancel a build at a precise point.
   */
  public void onAction(String action, Consumer<Ec2Request> hook) {
    hooks.computeIfAbsent(action, a -> new CopyOnWriteArrayList<>()).add(hook);
  }

  public void clearHooks() {
    hooks.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Ec2Request request =
          Ec2Request.parse(
              body,
              exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().getFirst("amz-sdk-request"));
      calls.add(request);
      for (String key : List.of(request.action(), "*")) {
        for (Consumer<Ec2Request> hook : hooks.getOrDefault(key, List.of())) {
          hook.accept(request);
        }
      }
      var fault = faults.take(request.action());
      if (fault.isPresent() && fault.get().kind() == ScriptedFaults.Kind.LOSE_ANSWER) {
        try {
          dispatch(request);
        } catch (RuntimeException ignored) {
          // The answer is lost either way.
        }
        return;
      }
      if (fault.isPresent() && fault.get().kind() == ScriptedFaults.Kind.DROP) {
        // Closing without a status line: the client sees the connection end.
        return;
      }
      if (fault.isPresent()) {
        var f = fault.get();
        send(exchange, f.status(), error(f.code(), f.message()));
        return;
      }
      try {
        String answer = dispatch(request);
        send(
            exchange,
            200,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
                + request.action()
                + "Response xmlns=\""
                + NAMESPACE
                + "\"><requestId>"
                + UUID.randomUUID()
                + "</requestId>"
                + answer
                + "</"
                + request.action()
                + "Response>");
      } catch (Ec2Error e) {
        send(exchange, e.status, error(e.code, e.getMessage()));
      } catch (RuntimeException e) {
        send(exchange, 500, error("InternalError", "fake EC2 failed: " + e));
      }
    }
  }

  private String dispatch(Ec2Request request) {
    Xml x = new Xml();
    synchronized (world) {
      if (instanceActions.handle(request, x)
          || imageActions.handle(request, x)
          || networkActions.handle(request, x)) {
        return x.toString();
      }
    }
    throw Ec2Error.badRequest(
        "InvalidAction", "The action " + request.action() + " is not valid for this web service.");
  }

  private static String error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
        + Xml.escape(code)
        + "</Code><Message>"
        + Xml.escape(message)
        + "</Message></Error></Errors><RequestID>"
        + UUID.randomUUID()
        + "</RequestID></Response>";
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** The requests of one action, in order. */
  public List<Ec2Request> calls(String action) {
    List<Ec2Request> list = new ArrayList<>();
    calls.forEach(
        c -> {
          if (c.action().equals(action)) {
            list.add(c);
          }
        });
    return list;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
