package dev.imagebake.builder.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.openstack.FakeOpenstack;
import dev.imagebake.testing.openstack.OsLeaks;
import dev.imagebake.testing.openstack.OsWorld;
import dev.imagebake.ui.BuildReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** validate's offline checks with Packer's messages; the example template builds. */
class OpenstackConfigTest {
  private static final String MIN =
      """
      {"type":"openstack","identity_endpoint":"http://127.0.0.1:1/v3","username":"u",
       "password":"p","source_image":"abc","flavor":"m1.small","image_name":"img",
       "ssh_username":"ubuntu"}
      """;

  private static List<String> errors(String extra) {
    var r = OsTemplates.bind(OsTemplates.with(MIN, extra));
    return OsTemplates.messages(r);
  }

  @Test
  void aMinimalBlockIsValid() {
    assertThat(OsTemplates.bind(MIN).ok()).as(errors("{}").toString()).isTrue();
  }

  @Test
  void packersMessages() {
    assertThat(errors("{\"endpoint_type\":\"private\"}"))
        .contains("Invalid endpoint type provided");
    assertThat(errors("{\"image_name\":\"\"}")).contains("An image_name must be specified");
    assertThat(errors("{\"image_visibility\":\"secret\"}"))
        .contains("Unknown visibility value secret");
    assertThat(errors("{\"image_min_disk\":-1}"))
        .contains("An image min disk size must be greater than or equal to 0");
    assertThat(errors("{\"flavor\":\"\"}")).contains("A flavor must be specified");
    assertThat(errors("{\"ssh_ip_version\":\"5\"}"))
        .contains("SSH IP version must be either 4 or 6");
    assertThat(errors("{\"source_image\":\"\"}"))
        .contains(
            "Either a source_image, a source_image_name, an external_source_image_url or"
                + " source_image_filter must be specified");
    assertThat(errors("{\"source_image_name\":\"x\"}"))
        .contains(
            "Only one of the options source_image, source_image_name, external_source_image_url,"
                + " or source_image_filter can be specified, not multiple.");
    assertThat(errors("{\"ssh_keypair_name\":\"k\"}"))
        .contains(
            "A ssh_private_key_file must be provided or ssh_agent_auth enabled when"
                + " ssh_keypair_name is specified.");
    assertThat(errors("{\"instance_metadata\":{\"k\":\"" + "v".repeat(256) + "\"}}"))
        .anyMatch(m -> m.startsWith("Instance metadata value too long (max 255 bytes)"));
    assertThat(errors("{\"identity_endpoint\":null}"))
        .contains("Missing input for argument [auth_url]");
    assertThat(errors("{\"imagename\":\"x\"}")).isNotEmpty();
  }

  @Test
  void networkDiscoveryCidrsAreParsedAsGoParsesThem() {
    assertThat(errors("{\"network_discovery_cidrs\":[\"10.0.0.0/8\",\"fd00::/8\"]}")).isEmpty();
    assertThat(errors("{\"rackconnect_wait\":true}")).isEmpty();
    assertThat(errors("{\"external_source_image_url\":\"http://x/img\",\"source_image\":\"\"}"))
        .isEmpty();
    assertThat(errors("{\"network_discovery_cidrs\":[\"10.0.0.0\"]}"))
        .contains("invalid CIDR address: 10.0.0.0");
    assertThat(errors("{\"network_discovery_cidrs\":[\"10.0.0.256/8\"]}"))
        .contains("invalid CIDR address: 10.0.0.256/8");
    assertThat(errors("{\"network_discovery_cidrs\":[\"10.0.0.0/33\"]}"))
        .contains("invalid CIDR address: 10.0.0.0/33");
    assertThat(errors("{\"network_discovery_cidrs\":[\"example.com/8\"]}"))
        .contains("invalid CIDR address: example.com/8");
  }

  @Test
  void clientCertificateKeysAreAccepted() {
    assertThat(errors("{\"cert\":\"c.pem\",\"key\":\"k.pem\"}")).isEmpty();
  }

  @Test
  void theExampleTemplateBuildsAgainstTheLocalEndpoint() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    var template = json.readTree(Files.readString(Path.of("templates/openstack.json")));
    try (OsHarness h = new OsHarness()) {
      String block =
          template
              .path("builders")
              .path(0)
              .toString()
              .replace("{{user `identity_endpoint`}}", h.os.identityEndpoint())
              .replace("{{user `ssh_username`}}", h.sshd.user());
      block =
          OsTemplates.with(
              block,
              "{\"username\":\"%s\",\"password\":\"%s\",\"ssh_port\":%d}"
                  .formatted(FakeOpenstack.USER, FakeOpenstack.PASSWORD, h.sshd.port()));
      Set<String> baseline = OsLeaks.baseline(h.os.world());
      var out = h.build(block, List.of("echo provisioned on openstack"));
      assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
      Set<String> made = new HashSet<>();
      h.os.world().images().stream()
          .filter(i -> !baseline.contains(i.id))
          .forEach(i -> made.add(i.id));
      assertThat(made).hasSize(1);
      OsWorld.Image image =
          h.os.world().images().stream().filter(i -> made.contains(i.id)).findFirst().orElseThrow();
      assertThat(image.status).isEqualTo("active");
      assertThat(image.tags).containsExactly("example");
      assertThat(image.properties).containsEntry("image_type", "image");
      assertThat(out.console()).contains("An image was created: " + image.id);
      assertThat(OsLeaks.find(h.os.world(), baseline, made)).isEmpty();
      assertThat(out.console()).doesNotContain(FakeOpenstack.PASSWORD);
    }
  }
}
