package dev.imagebake.builder.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.Connector;
import dev.imagebake.testing.openstack.OsCall;
import dev.imagebake.testing.openstack.OsLeaks;
import dev.imagebake.ui.BuildReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing leaks: a failure injected at every OpenStack call of the build in turn, lost answers of
 * every creation, SSH and provisioner failures, and an interrupt during every wait; after each, the
 * endpoint holds no server, key pair, volume, temporary floating IP, nor image of the failed build.
 */
class OpenstackLeakMatrixTest {
  /** Every step: volume, floating IP, image upload, tags, visibility, members, min disk. */
  private static final String RICH =
      """
      {"image_tags":["a","b"],"image_visibility":"shared","image_members":["project-b"],
       "image_auto_accept_members":true,"image_min_disk":10,"metadata":{"k":"v"}}
      """;

  /** Boots from the image and saves the server with Nova's createImage. */
  private static final String NO_VOLUME = "{\"use_blockstorage_volume\":false}";

  private static OsHarness h;

  @BeforeAll
  static void start() {
    h = new OsHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private record Point(
      String name, List<String> leaks, BuildReport.Outcome outcome, String console) {}

  private static Point run(
      String name, Consumer<OsHarness> arrange, String extra, List<String> inline) {
    h.reset();
    Set<String> baseline = OsLeaks.baseline(h.os.world());
    arrange.accept(h);
    var out = h.build(h.block(extra), inline);
    return new Point(
        name,
        OsLeaks.find(h.os.world(), baseline, Set.of()),
        out.report().outcome(),
        out.console());
  }

  /** The calls of a good build before its cleanups start. */
  private static List<String> runPhase(String extra) {
    h.reset();
    var reference = h.build(h.block(extra), List.of("true"));
    assertThat(reference.report().outcome())
        .as(reference.console())
        .isEqualTo(BuildReport.Outcome.SUCCEEDED);
    List<String> all = h.os.callNames();
    int last = all.lastIndexOf("glance GET /images/{id}");
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).startsWith("glance PATCH") || all.get(i).contains("/members")) {
        last = Math.max(last, i);
      }
    }
    return new ArrayList<>(all.subList(0, last + 1));
  }

  private static List<Point> failEveryCall(String label, String extra) {
    List<Point> points = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (String call : runPhase(extra)) {
      if (call.equals("nova GET /flavors/m1.small")) {
        // Packer's fallback: a flavor not found by id is looked up by name; the build goes on.
        continue;
      }
      int nth = seen.merge(call, 1, Integer::sum);
      points.add(
          run(
              label + "fail " + call + " #" + nth,
              x -> x.os.faults().failNth(call, nth, 403, "Forbidden", "injected at " + call),
              extra,
              List.of("true")));
    }
    return points;
  }

  @Test
  void failureAtEveryCallLostAnswersAndInterruptsLeaveNothing() {
    List<String> volumeRun = runPhase(RICH);
    assertThat(volumeRun)
        .contains(
            "nova POST /os-keypairs",
            "cinder POST /volumes",
            "nova POST /servers",
            "neutron POST /floatingips",
            "neutron PUT /floatingips/{id}",
            "nova POST /servers/{id}/action os-stop",
            "cinder POST /volumes/{id}/action os-detach",
            "cinder POST /volumes/{id}/action os-volume_upload_image",
            "glance PATCH /images/{id}",
            "glance POST /images/{id}/members");
    List<Point> points = new ArrayList<>(failEveryCall("", RICH));
    int calls = points.size();
    points.addAll(failEveryCall("no volume: ", NO_VOLUME));
    calls = points.size();
    List<String> lost =
        List.of(
            "nova POST /os-keypairs",
            "cinder POST /volumes",
            "nova POST /servers",
            "neutron POST /floatingips",
            "cinder POST /volumes/{id}/action os-volume_upload_image");
    for (String call : lost) {
      points.add(
          run(
              "answers of " + call + " lost",
              x -> x.os.faults().loseAnswers(call, 1),
              RICH,
              List.of("true")));
    }
    points.add(
        run(
            "answers of createImage lost",
            x -> x.os.faults().loseAnswers("nova POST /servers/{id}/action createImage", 1),
            NO_VOLUME,
            List.of("true")));
    points.add(run("provisioner fails", x -> {}, RICH, List.of("exit 3")));
    points.add(
        run(
            "SSH refused",
            x -> {},
            OsTemplates.with(RICH, "{\"ssh_port\":1,\"ssh_timeout\":\"2s\"}"),
            List.of("true")));
    points.add(
        run(
            "SSH key not authorized",
            x -> x.os.world().keyAuthorizer(line -> {}),
            OsTemplates.with(RICH, "{\"ssh_timeout\":\"3s\",\"ssh_handshake_attempts\":1}"),
            List.of("true")));

    points.add(
        interruptDuring("volume available", "cinder GET /volumes/{id}", "volume:creating", RICH));
    points.add(interruptDuring("server active", "nova GET /servers/{id}", "server:BUILD", RICH));
    points.add(
        interruptDuring(
            "server stopped",
            "nova GET /servers/{id}",
            "server:stopping",
            RICH,
            c -> h.os.world().servers().stream().anyMatch(s -> s.stopping)));
    points.add(
        interruptDuring(
            "volume detached",
            "cinder GET /volumes/{id}",
            "volume:detaching",
            RICH,
            c -> h.os.world().volumes().stream().anyMatch(v -> v.status.equals("detaching"))));
    points.add(interruptDuring("image active", "glance GET /images/{id}", "image:saving", RICH));
    points.add(
        interruptDuring("snapshot active", "glance GET /images/{id}", "image:saving", NO_VOLUME));
    points.add(
        run(
            "interrupt during SSH",
            x ->
                x.connectorWrapper =
                    real ->
                        (Connector)
                            (config, target, ctx) -> {
                              x.interrupts.trigger();
                              return real.connect(config, target, ctx);
                            },
            RICH,
            List.of("true")));

    Map<String, List<String>> leaked = new LinkedHashMap<>();
    points.stream().filter(p -> !p.leaks().isEmpty()).forEach(p -> leaked.put(p.name(), p.leaks()));
    System.out.println(
        "openstack leak matrix: "
            + points.size()
            + " injection points tried ("
            + calls
            + " API call failures, "
            + (lost.size() + 1)
            + " lost answers, 3 SSH/provisioner failures, 7 interrupts), "
            + leaked.size()
            + " left something behind");
    assertThat(leaked).isEmpty();
    assertThat(points)
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isNotEqualTo(BuildReport.Outcome.SUCCEEDED));
    assertThat(points.stream().filter(p -> p.name().startsWith("interrupt")))
        .allSatisfy(
            p ->
                assertThat(p.outcome())
                    .as(p.name() + "\n" + p.console())
                    .isEqualTo(BuildReport.Outcome.CANCELLED));
  }

  /**
   * The same for a build whose source image is imported from external_source_image_url (served
   * here): a failure at every call, the lost answer of the image's creation, and an interrupt while
   * the import runs; after each, no image (the imported one included) nor anything else.
   */
  @Test
  void anImportedSourceImageLeavesNothingEither() throws Exception {
    byte[] disk = "disk".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    var server =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/disk.qcow2",
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(200, disk.length);
            exchange.getResponseBody().write(disk);
          }
        });
    server.start();
    try {
      String imported =
          "{\"source_image_name\":null,\"use_blockstorage_volume\":false,"
              + "\"external_source_image_url\":\"http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/disk.qcow2\"}";
      assertThat(runPhase(imported))
          .contains("glance POST /images", "glance POST /images/{id}/import");
      List<Point> points = new ArrayList<>(failEveryCall("import: ", imported));
      points.add(
          run(
              "answers of glance POST /images lost",
              x -> x.os.faults().loseAnswers("glance POST /images", 1),
              imported,
              List.of("true")));
      points.add(interruptDuring("import", "glance GET /images/{id}", "image:importing", imported));
      Map<String, List<String>> leaked = new LinkedHashMap<>();
      points.stream()
          .filter(p -> !p.leaks().isEmpty())
          .forEach(p -> leaked.put(p.name(), p.leaks()));
      System.out.println(
          "openstack leak matrix, imported source image: "
              + points.size()
              + " injection points tried, "
              + leaked.size()
              + " left something behind");
      assertThat(leaked).isEmpty();
    } finally {
      server.stop(0);
    }
  }

  private static Point interruptDuring(String wait, String call, String hold, String extra) {
    return interruptDuring(wait, call, hold, extra, c -> true);
  }

  private static Point interruptDuring(
      String wait, String call, String hold, String extra, Predicate<OsCall> when) {
    AtomicBoolean fired = new AtomicBoolean();
    return run(
        "interrupt during " + wait,
        x -> {
          x.os.world().hold(hold);
          x.os.onCall(
              call,
              c -> {
                if (when.test(c) && fired.compareAndSet(false, true)) {
                  x.interrupts.trigger();
                  // The cloud goes on: what was held finishes, as the cleanups need.
                  x.os.world().release();
                }
              });
        },
        extra,
        List.of("true"));
  }
}
