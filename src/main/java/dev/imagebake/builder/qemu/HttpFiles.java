package dev.imagebake.builder.qemu;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Packer's {@code http_directory}/{@code http_content} server: GET and HEAD of the files under a
 * directory, or of fixed contents by path; nothing outside the directory is served.
 */
final class HttpFiles implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Path root;
  private final Map<String, String> content;

  private HttpFiles(HttpServer server, Path root, Map<String, String> content) {
    this.server = server;
    this.root = root;
    this.content = content;
    this.executor = Executors.newFixedThreadPool(2, r -> daemon(r));
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "qemu-http");
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts on the first free port of {@code [min, max]} on {@code bindAddress}.
   *
   * @param root the directory to serve, or null
   * @param content path to content, used when {@code root} is null
   */
  static HttpFiles start(
      String bindAddress, int min, int max, Path root, Map<String, String> content)
      throws IOException {
    InetAddress address = InetAddress.getByName(bindAddress);
    HttpServer server =
        Ports.bindInRange(
            min, max, "HTTP", port -> HttpServer.create(new InetSocketAddress(address, port), 16));
    HttpFiles files = new HttpFiles(server, root, content == null ? Map.of() : content);
    server.createContext("/", files::handle);
    server.setExecutor(files.executor);
    server.start();
    return files;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      // The server has parsed the request line already; re-parsing its raw path would read a
      // path such as //x/y as an authority.
      String path = exchange.getRequestURI().getPath();
      if (path == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      boolean head = method.equals("HEAD");
      if (root == null) {
        String text = content.get(path);
        if (text == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
        if (!head) {
          exchange.getResponseBody().write(bytes);
        }
        return;
      }
      Path file = servedFile(path);
      if (file == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
      if (!head) {
        try (InputStream in = Files.newInputStream(file);
            OutputStream out = exchange.getResponseBody()) {
          in.transferTo(out);
        }
      }
    }
  }

  /** The regular file under the root a request path names, or null (%00 makes no file name). */
  private Path servedFile(String path) {
    try {
      Path file = root.resolve(path.replaceFirst("^/+", "")).normalize();
      return file.startsWith(root) && Files.isRegularFile(file) ? file : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
