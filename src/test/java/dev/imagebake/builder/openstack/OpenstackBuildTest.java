package dev.imagebake.builder.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.imagebake.testing.openstack.FakeOpenstack;
import dev.imagebake.testing.openstack.OsLeaks;
import dev.imagebake.testing.openstack.OsWorld;
import dev.imagebake.ui.BuildReport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds against the local OpenStack: auth variants, image lookup, floating IPs, server options.
 */
class OpenstackBuildTest {
  private static OsHarness h;

  @BeforeAll
  static void start() {
    h = new OsHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private record Built(OsHarness.Outcome out, OsWorld.Image image, List<String> leaks) {}

  private static Built build(String extra) {
    Set<String> baseline = OsLeaks.baseline(h.os.world());
    var out = h.build(h.block(extra), List.of("true"));
    Set<String> made = new HashSet<>();
    h.os.world().images().stream()
        .filter(i -> !baseline.contains(i.id))
        .forEach(i -> made.add(i.id));
    OsWorld.Image image =
        h.os.world().images().stream().filter(i -> made.contains(i.id)).findFirst().orElse(null);
    return new Built(out, image, OsLeaks.find(h.os.world(), baseline, made));
  }

  private static void assertSucceeded(Built b) {
    assertThat(b.out().report().outcome())
        .as(b.out().console())
        .isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(b.image()).isNotNull();
    assertThat(b.image().status).isEqualTo("active");
    assertThat(b.leaks()).isEmpty();
    assertThat(b.out().console()).doesNotContain(FakeOpenstack.PASSWORD);
  }

  @Test
  void passwordBuildWithEveryImageUpdate() {
    h.reset();
    Built b =
        build(
            """
            {"image_tags":["a","b"],"image_visibility":"Shared","image_members":["project-b"],
             "image_auto_accept_members":true,"image_min_disk":10,"metadata":{"k":"v"}}
            """);
    assertSucceeded(b);
    assertThat(b.image().tags).containsExactly("a", "b");
    assertThat(b.image().visibility).isEqualTo("shared");
    assertThat(b.image().members).containsEntry("project-b", "accepted");
    assertThat(b.image().minDisk).isEqualTo(10);
    assertThat(b.image().properties).containsEntry("k", "v").containsEntry("image_type", "image");
    assertThat(b.out().console()).contains("An image was created: " + b.image().id);
    assertThat(h.os.callNames())
        .contains("cinder POST /volumes/{id}/action os-volume_upload_image");
  }

  @Test
  void snapshotOfTheServerWithoutVolumeAndServerOptions() throws Exception {
    h.reset();
    Built b =
        build(
            """
            {"use_blockstorage_volume":false,"instance_name":"builder-vm","user_data":"#cloud-config",
             "config_drive":true,"security_groups":["default"],"availability_zone":"nova",
             "instance_metadata":{"role":"build"},"ports":["port-1"]}
            """);
    assertSucceeded(b);
    assertThat(b.image().properties).containsKey("instance_uuid");
    var create = h.os.calls("nova POST /servers").get(0).body().path("server");
    assertThat(create.path("name").asString()).isEqualTo("builder-vm");
    assertThat(create.path("imageRef").asString()).isEqualTo(OsWorld.SEED_IMAGE);
    assertThat(create.path("flavorRef").asString()).isEqualTo("1");
    assertThat(create.path("user_data").asString())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString("#cloud-config".getBytes()));
    assertThat(create.path("config_drive").asBoolean()).isTrue();
    assertThat(create.path("security_groups").path(0).path("name").asString()).isEqualTo("default");
    assertThat(create.path("availability_zone").asString()).isEqualTo("nova");
    assertThat(create.path("metadata").path("role").asString()).isEqualTo("build");
    assertThat(create.path("networks").toString()).contains(OsWorld.PRIVATE_NETWORK, "port-1");
    assertThat(create.path("key_name").asString()).startsWith("packer_");
  }

  @Test
  void tokenAndApplicationCredentialAuth() {
    h.reset();
    assertSucceeded(
        build("{\"username\":null,\"password\":null,\"token\":\"" + FakeOpenstack.TOKEN + "\"}"));
    h.reset();
    assertSucceeded(
        build(
            "{\"username\":null,\"password\":null,\"application_credential_id\":\""
                + FakeOpenstack.APP_CREDENTIAL_ID
                + "\",\"application_credential_secret\":\""
                + FakeOpenstack.APP_CREDENTIAL_SECRET
                + "\"}"));
    assertThat(h.os.calls("keystone POST /auth/tokens").get(0).body().toString())
        .contains("application_credential");
  }

  @Test
  void credentialsFromTheEnvironment() {
    h.reset();
    h.environment =
        Map.of("OS_USERNAME", FakeOpenstack.USER, "OS_PASSWORD", FakeOpenstack.PASSWORD);
    assertSucceeded(build("{\"username\":null,\"password\":null}"));
  }

  @Test
  void credentialsFromCloudsYaml(@TempDir Path dir) throws Exception {
    h.reset();
    Path yaml = dir.resolve("clouds.yaml");
    Files.writeString(
        yaml,
        """
        clouds:
          test:
            auth:
              auth_url: %s
              username: %s
              password: %s
              project_name: demo
              user_domain_name: Default
              project_domain_name: Default
            region_name: RegionOne
            interface: internal
        """
            .formatted(h.os.identityEndpoint(), FakeOpenstack.USER, FakeOpenstack.PASSWORD));
    h.environment = Map.of("OS_CLIENT_CONFIG_FILE", yaml.toString());
    assertSucceeded(
        build(
            "{\"identity_endpoint\":null,\"username\":null,\"password\":null,\"region\":null,"
                + "\"cloud\":\"test\"}"));
  }

  @Test
  void aWrongPasswordFailsBeforeAnythingIsMadeAndIsNotPrinted() {
    h.reset();
    Built b = build("{\"password\":\"wrong-password-123\"}");
    assertThat(b.out().report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(b.out().console()).contains("Error authenticating with OpenStack", "401");
    assertThat(b.out().console()).doesNotContain("wrong-password-123");
    assertThat(b.leaks()).isEmpty();
  }

  @Test
  void anExpiredTokenIsRenewedOnce() {
    h.reset();
    var once = new java.util.concurrent.atomic.AtomicBoolean();
    h.os.onCall(
        "nova POST /servers",
        c -> {
          if (once.compareAndSet(false, true)) {
            h.os.expireTokens();
          }
        });
    assertSucceeded(build("{}"));
    assertThat(h.os.calls("keystone POST /auth/tokens").size()).isGreaterThanOrEqualTo(2);
    assertThat(h.os.world().servers()).isEmpty();
  }

  @Test
  void sourceImageFilterTakesTheNewestWithMostRecent() {
    h.reset();
    h.os.world().addImage("base", Map.of("os", "debian"));
    OsWorld.Image newest = h.os.world().addImage("base", Map.of("os", "debian"));
    String filter =
        "{\"source_image_name\":null,\"use_blockstorage_volume\":false,"
            + "\"source_image_filter\":{\"filters\":{\"name\":\"base\",\"properties\":{\"os\":\"debian\"}}"
            + "%s}}";
    Built several = build(filter.formatted(""));
    assertThat(several.out().console()).contains("Your query returned more than one result");
    assertThat(several.leaks()).isEmpty();
    Built b = build(filter.formatted(",\"most_recent\":true"));
    assertSucceeded(b);
    assertThat(
            h.os
                .calls("nova POST /servers")
                .get(0)
                .body()
                .path("server")
                .path("imageRef")
                .asString())
        .isEqualTo(newest.id);
  }

  @Test
  void reusedAndGivenFloatingIpsAreKept() {
    h.reset();
    OsWorld.FloatingIp free = h.os.world().addFloatingIp();
    Built reused = build("{\"floating_ip_network\":null,\"reuse_ips\":true}");
    assertSucceeded(reused);
    assertThat(h.os.world().floatingIps()).extracting(f -> f.id).containsExactly(free.id);
    Built given = build("{\"floating_ip_network\":null,\"floating_ip\":\"" + free.id + "\"}");
    assertSucceeded(given);
    assertThat(h.os.world().floatingIps()).extracting(f -> f.id).containsExactly(free.id);
    assertThat(h.os.callNames()).doesNotContain("neutron POST /floatingips");
  }

  @Test
  void volumeKeysReachCinder() {
    h.reset();
    Built b =
        build(
            """
            {"volume_size":20,"volume_type":"ssd","volume_availability_zone":"az2",
             "volume_name":"vol-x","image_disk_format":"qcow2"}
            """);
    assertSucceeded(b);
    var volume = h.os.calls("cinder POST /volumes").get(0).body().path("volume");
    assertThat(volume.path("size").asInt()).isEqualTo(20);
    assertThat(volume.path("volume_type").asString()).isEqualTo("ssd");
    assertThat(volume.path("availability_zone").asString()).isEqualTo("az2");
    assertThat(volume.path("name").asString()).isEqualTo("vol-x");
    assertThat(volume.path("imageRef").asString()).isEqualTo(OsWorld.SEED_IMAGE);
    var upload =
        h.os.calls("cinder POST /volumes/{id}/action os-volume_upload_image").get(0).body();
    assertThat(upload.path("os-volume_upload_image").path("disk_format").asString())
        .isEqualTo("qcow2");
    var server = h.os.calls("nova POST /servers").get(0).body().path("server");
    assertThat(server.has("imageRef")).isFalse();
    assertThat(server.path("block_device_mapping_v2").path(0).path("source_type").asString())
        .isEqualTo("volume");
  }

  @Test
  void withoutFloatingIpTheServersAddressOfTheIpVersionIsUsed() {
    h.reset();
    assertSucceeded(
        build(
            "{\"floating_ip_network\":null,\"ssh_interface\":\"private\",\"ssh_ip_version\":\"4\"}"));
    assertThat(h.os.callNames()).doesNotContain("neutron POST /floatingips");
    h.reset();
    Set<String> baseline = OsLeaks.baseline(h.os.world());
    var out =
        h.build(
            h.block("{\"floating_ip_network\":null,\"ssh_ip_version\":\"6\"}"), List.of("true"));
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(out.console()).contains("couldn't determine IP address for server");
    assertThat(OsLeaks.find(h.os.world(), baseline, Set.of())).isEmpty();
  }

  @Test
  void forceDeleteAndTheFloatingIpsNetworkPort() {
    h.reset();
    assertSucceeded(
        build(
            "{\"force_delete\":true,\"instance_floating_ip_net\":\""
                + OsWorld.PRIVATE_NETWORK
                + "\"}"));
    assertThat(h.os.callNames())
        .contains("nova POST /servers/{id}/action forceDelete")
        .doesNotContain("nova DELETE /servers/{id}");
  }

  @Test
  void networkDiscoveryCidrsAttachTheServerToTheFirstSubnetWithinThem() {
    h.reset();
    Built b =
        build(
            "{\"networks\":null,\"network_discovery_cidrs\":[\"10.1.0.0/16\",\"192.168.0.0/16\"]}");
    assertSucceeded(b);
    var server = h.os.calls("nova POST /servers").get(0).body().path("server");
    assertThat(server.path("networks").toString())
        .contains(OsWorld.PROVISIONING_NETWORK)
        .doesNotContain(OsWorld.PRIVATE_NETWORK);
    assertThat(b.out().console())
        .contains("Discovering provisioning network...")
        .contains("Found network ID: " + OsWorld.PROVISIONING_NETWORK);
    // With networks given, nothing is discovered (Packer's order: networks and ports first).
    h.reset();
    assertSucceeded(build("{\"network_discovery_cidrs\":[\"192.168.0.0/16\"]}"));
    assertThat(h.os.callNames()).doesNotContain("neutron GET /subnets");
  }

  @Test
  void networkDiscoveryWithoutAMatchingSubnetFailsAndLeavesNothing() {
    h.reset();
    Set<String> baseline = OsLeaks.baseline(h.os.world());
    // 10.0.0.0/25 is smaller than the private subnet (10.0.0.0/24), so it does not contain it.
    var out =
        h.build(
            h.block("{\"networks\":null,\"network_discovery_cidrs\":[\"10.0.0.0/25\"]}"),
            List.of("true"));
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(out.console()).contains("failed to discover a provisioning network");
    assertThat(h.os.callNames()).doesNotContain("nova POST /servers");
    assertThat(OsLeaks.find(h.os.world(), baseline, Set.of())).isEmpty();
  }

  @Test
  void rackconnectWaitPollsTheServerUntilDeployed() {
    h.reset();
    h.os.world().rackconnectAfter(4);
    Built b = build("{\"rackconnect_wait\":true}");
    assertSucceeded(b);
    assertThat(b.out().console()).contains("to become RackConnect ready...");
    List<String> names = h.os.callNames();
    int floating = names.indexOf("neutron POST /floatingips");
    assertThat(floating).isPositive();
    // The fourth read of the server answers DEPLOYED; the floating IP comes after it.
    assertThat(names.subList(0, floating).stream().filter("nova GET /servers/{id}"::equals))
        .hasSizeGreaterThanOrEqualTo(4);
  }

  /** Serves {@code bytes} at http://127.0.0.1:PORT/disk.qcow2 until closed. */
  private static HttpServer serve(byte[] bytes) throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/disk.qcow2",
        exchange -> {
          try (exchange) {
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
    return server;
  }

  @Test
  void externalSourceImageUrlIsImportedBootedAndDeleted() throws Exception {
    h.reset();
    byte[] disk = "not really a qcow2 image".getBytes(StandardCharsets.UTF_8);
    HttpServer server = serve(disk);
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/disk.qcow2";
      Set<String> baseline = OsLeaks.baseline(h.os.world());
      Built b =
          build(
              "{\"source_image_name\":null,\"external_source_image_url\":\""
                  + url
                  + "\",\"external_source_image_format\":\"raw\"}");
      assertSucceeded(b);
      var create = h.os.calls("glance POST /images").get(0).body();
      String name = create.path("name").asString();
      assertThat(name).startsWith("packer_");
      assertThat(create.path("container_format").asString()).isEqualTo("bare");
      assertThat(create.path("disk_format").asString()).isEqualTo("raw");
      assertThat(create.path("packer_external_source_image_url").asString()).isEqualTo(url);
      assertThat(create.path("packer_external_source_image_format").asString()).isEqualTo("raw");
      var imported = h.os.calls("glance POST /images/{id}/import").get(0).body();
      assertThat(imported.path("method").path("name").asString()).isEqualTo("web-download");
      assertThat(imported.path("method").path("uri").asString()).isEqualTo(url);
      assertThat(h.os.world().imports())
          .containsExactly(
              url
                  + " "
                  + java.util.HexFormat.of()
                      .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(disk)));
      // The volume was made of the imported image, which is gone; only the result is left.
      var volume = h.os.calls("cinder POST /volumes").get(0).body().path("volume");
      String temporary = volume.path("imageRef").asString();
      assertThat(temporary).isNotEqualTo(OsWorld.SEED_IMAGE);
      assertThat(h.os.callNames()).contains("glance DELETE /images/{id}");
      assertThat(h.os.world().images().stream().filter(i -> !baseline.contains(i.id)))
          .extracting(i -> i.id)
          .containsExactly(b.image().id);
      assertThat(b.out().console())
          .contains("Creating image using external source image with name " + name)
          .contains("Using disk format raw")
          .contains("Importing External Source Image from URL " + url)
          .contains("Deleting temporary external source image: " + name + " ...");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aFailedImportFailsTheBuildAndDeletesTheImage() throws Exception {
    h.reset();
    HttpServer server = serve(new byte[0]);
    server.stop(0); // nothing answers at that URL any more
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/disk.qcow2";
    Set<String> baseline = OsLeaks.baseline(h.os.world());
    var out =
        h.build(
            h.block("{\"source_image_name\":null,\"external_source_image_url\":\"" + url + "\"}"),
            List.of("true"));
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(out.console()).contains("Error querying image: ").contains("import failed");
    assertThat(h.os.calls("glance POST /images").get(0).body().path("disk_format").asString())
        .isEqualTo("qcow2");
    assertThat(h.os.callNames()).doesNotContain("nova POST /servers");
    assertThat(h.os.world().images().stream().filter(i -> !baseline.contains(i.id))).isEmpty();
    assertThat(OsLeaks.find(h.os.world(), baseline, Set.of())).isEmpty();
  }
}
