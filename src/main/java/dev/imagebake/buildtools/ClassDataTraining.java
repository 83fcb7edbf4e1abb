package dev.imagebake.buildtools;

import com.sun.net.httpserver.HttpServer;
import dev.imagebake.cli.Main;
import dev.imagebake.config.PluginKind;
import dev.imagebake.config.PluginPath;
import dev.imagebake.config.PluginRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The training run {@code src/build/class-data-archive.sh} records the class-data archive with at
 * {@code mvn package}: the commands users run most, in one JVM, so the archive holds the classes of
 * all of them. Not a command; its output is discarded.
 *
 * <p>Build tooling, yet inside {@code imagebake.jar}: a JVM uses a class-data archive only with the
 * class path it was recorded with ({@code imagebake.jar} alone), so the training must run from that
 * jar (docs/startup.md, "Build tooling"). No production class depends on this package
 * (ArchitectureRulesTest).
 */
final class ClassDataTraining {
  private ClassDataTraining() {}

  /**
   * @param args {@code TEMPLATE...}: templates to validate and inspect; the last one, which must
   *     build on this machine without side effects (null builder, communicator none), is built; so
   *     are the templates named by the system properties {@code imagebake.training.build} (a build
   *     over SSH against a throwaway sshd) and {@code imagebake.training.docker} (a docker build
   *     against the local engine), when set
   */
  public static void main(String[] args) {
    PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
    // Without the plugins of the training machine's plugin directories (~/.imagebake/plugins).
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(PluginPath.VARIABLE, "");
    String last = args[args.length - 1];
    List<List<String>> runs = new ArrayList<>();
    runs.add(concat(List.of("validate"), List.of(args)));
    runs.add(concat(List.of("validate", "--format", "json", "-var", "x=y"), List.of(args)));
    runs.add(List.of("inspect", last));
    runs.add(List.of("--help"));
    runs.add(List.of("build", last));
    // Builds on this machine's services when the archive script found them: over SSH against a
    // throwaway sshd, and a docker build against the engine (docker-java, Jackson and its HTTP
    // transport are ~1,900 classes a docker build would otherwise load and verify from the jars).
    for (String property : List.of("imagebake.training.build", "imagebake.training.docker")) {
      String template = System.getProperty(property);
      if (template != null) {
        runs.add(List.of("build", template));
      }
    }
    for (List<String> run : runs) {
      Main.run(run.toArray(String[]::new), discard, discard, env);
    }
    registry(last, env, discard);
    clouds(env, discard);
    // The factories of all plugins, not only of those the templates above use: validate creates
    // the factories its template names, and they should come from the archive too.
    PluginRegistry registry = PluginRegistry.load();
    for (PluginKind kind : PluginKind.values()) {
      registry.all(kind);
    }
  }

  /**
   * A recorded build and the registry's reading commands, on a throwaway SQLite registry: the
   * registry's and sqlite-jdbc's classes then come from the archive too ({@code registry get} is a
   * command scripts call at every deployment).
   */
  private static void registry(String template, Map<String, String> env, PrintStream discard) {
    Path dir;
    try {
      dir = Files.createTempDirectory("imagebake-training");
    } catch (IOException e) {
      return;
    }
    Map<String, String> withRegistry = new HashMap<>(env);
    withRegistry.put("IMAGEBAKE_REGISTRY", "sqlite:" + dir.resolve("registry.db"));
    String bucket = "training";
    List<List<String>> runs =
        List.of(
            List.of("build", "--registry", "--bucket", bucket, "--label", "a=b", template),
            List.of("registry", "channel", "set", bucket, "prod", "1"),
            List.of("registry", "get", bucket, "prod"),
            List.of("registry", "versions", bucket),
            List.of("registry", "show", bucket, "1", "--format", "json"));
    for (List<String> run : runs) {
      Main.run(run.toArray(String[]::new), discard, discard, withRegistry);
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind.
    }
  }

  /**
   * Builds of the digitalocean and openstack builders against a loopback endpoint that refuses
   * every call (401): they fail at their first call, having loaded the JDK's HTTP client (which
   * loads its TLS stack even for http), Jackson's binding and the builders' first steps, ~700
   * classes a cloud build would otherwise read and verify from the jars.
   */
  private static void clouds(Map<String, String> env, PrintStream discard) {
    HttpServer server;
    Path dir;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      dir = Files.createTempDirectory("imagebake-training");
    } catch (IOException e) {
      return;
    }
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean ec2 = type != null && type.contains("x-www-form-urlencoded");
            // EC2's query protocol answers in XML; DigitalOcean and OpenStack in JSON.
            byte[] body =
                (ec2
                        ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>"
                            + "<Code>AuthFailure</Code><Message>training</Message></Error>"
                            + "</Errors><RequestID>training</RequestID></Response>"
                        : "{\"id\":\"Unauthorized\",\"message\":\"training\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange
                .getResponseHeaders()
                .set("Content-Type", ec2 ? "text/xml;charset=UTF-8" : "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      Path digitalocean = dir.resolve("digitalocean.json");
      Files.writeString(
          digitalocean,
          "{\"builders\":[{\"type\":\"digitalocean\",\"api_url\":\""
              + url
              + "/\",\"api_token\":\"training\",\"region\":\"nyc3\",\"size\":\"s\","
              + "\"image\":\"i\",\"ssh_username\":\"root\"}]}");
      Path openstack = dir.resolve("openstack.json");
      Files.writeString(
          openstack,
          "{\"builders\":[{\"type\":\"openstack\",\"identity_endpoint\":\""
              + url
              + "/v3\",\"username\":\"u\",\"password\":\"p\",\"domain_name\":\"d\","
              + "\"tenant_name\":\"t\",\"source_image\":\"i\",\"flavor\":\"f\","
              + "\"image_name\":\"n\",\"ssh_username\":\"root\"}]}");
      // amazon-ebs: the EC2 client (its class alone makes the verifier load ~700 request
      // classes), request signing, the URL-connection HTTP client and the XML error reader: a
      // build loaded 1,916 classes from the jars, 344 with these (0.75 s less CPU).
      Path amazon = dir.resolve("amazon.json");
      Files.writeString(
          amazon,
          "{\"builders\":[{\"type\":\"amazon-ebs\",\"region\":\"us-east-1\","
              + "\"source_ami\":\"ami-12345678\",\"instance_type\":\"t1.micro\","
              + "\"ssh_username\":\"root\",\"ami_name\":\"training\","
              + "\"access_key\":\"AKIDTRAINING\",\"secret_key\":\"training\","
              + "\"custom_endpoint_ec2\":\""
              + url
              + "\"}]}");
      for (Path template : List.of(digitalocean, openstack, amazon)) {
        Main.run(new String[] {"build", template.toString()}, discard, discard, env);
      }
    } catch (IOException e) {
      // Not trained on these.
    } finally {
      server.stop(0);
      try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A temporary directory left behind.
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
