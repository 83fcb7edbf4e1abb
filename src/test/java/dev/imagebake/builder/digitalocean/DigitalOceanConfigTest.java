package dev.imagebake.builder.digitalocean;

import static dev.imagebake.builder.digitalocean.DoHarness.bind;
import static dev.imagebake.builder.digitalocean.DoHarness.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.config.BindResult;
import dev.imagebake.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digitalocean keys and Packer 1.6.6's Prepare rules, offline (what validate checks). */
class DigitalOceanConfigTest {
  static final String MINIMAL =
      """
      {"type":"digitalocean","api_token":"t0ken","region":"nyc3","size":"s-1vcpu-1gb",
       "image":"ubuntu-20-04-x64","ssh_username":"root"}
      """;

  static List<String> messages(BindResult<?> result) {
    return result.diagnostics().stream().map(Diagnostic::message).toList();
  }

  @Test
  void everyKeyIsAccepted(@TempDir Path dir) throws Exception {
    Path userData = Files.writeString(dir.resolve("user-data"), "#cloud-config\n");
    String every =
        """
        {"type":"digitalocean","api_token":"t0ken","api_url":"http://127.0.0.1:1/",
         "region":"nyc3","size":"s-1vcpu-1gb","image":"ubuntu-20-04-x64",
         "private_networking":true,"monitoring":true,"ipv6":true,
         "snapshot_name":"img-{{timestamp}}","snapshot_regions":["ams3","lon1"],
         "state_timeout":"10m","snapshot_timeout":"2h","droplet_name":"builder",
         "user_data_file":"%s","tags":["web","env:prod","a_b-c"],
         "vpc_uuid":"5a4981aa-9653-4bd1-bef5-d6bff52042e4","connect_with_private_ip":true,
         "communicator":"ssh","ssh_username":"root","ssh_port":22,"ssh_timeout":"5m"}
        """
            .formatted(userData);
    BindResult<DigitalOceanConfig> result = bind(every);
    assertThat(messages(result)).isEmpty();
    DigitalOceanConfig c = result.config();
    assertThat(c.snapshotName()).isEqualTo("img-1700000000");
    assertThat(c.snapshotRegions()).containsExactly("ams3", "lon1");
    assertThat(c.stateTimeoutOrDefault()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.snapshotTimeoutOrDefault()).isEqualTo(Duration.ofHours(2));
    assertThat(c.tags()).containsExactly("web", "env:prod", "a_b-c");
    assertThat(c.connectWithPrivateIpOn()).isTrue();
    assertThat(c.toString()).doesNotContain("t0ken");
  }

  @Test
  void defaultsAreTheTimeoutsOfPacker() {
    DigitalOceanConfig c = bind(MINIMAL).config();
    assertThat(c.stateTimeoutOrDefault()).isEqualTo(Duration.ofMinutes(6));
    assertThat(c.snapshotTimeoutOrDefault()).isEqualTo(Duration.ofMinutes(60));
    assertThat(c.snapshotRegions()).isEmpty();
    assertThat(c.tags()).isEmpty();
  }

  /** Packer 1.6.6's messages for the same block (captured with packer validate). */
  @Test
  void everyRuleWithPackersWords() {
    String bad =
        """
        {"type":"digitalocean","user_data":"x","user_data_file":"/nope","tags":["ok","bad tag!"],
         "vpc_uuid":"u","connect_with_private_ip":true}
        """;
    assertThat(messages(bind(bad)))
        .contains(
            "api_token for auth must be specified",
            "region is required",
            "size is required",
            "image is required",
            "only one of user_data or user_data_file can be specified",
            "invalid tag: bad tag!",
            "private networking should be enabled to use vpc_uuid",
            "private networking should be enabled to use connect_with_private_ip")
        .anySatisfy(m -> assertThat(m).startsWith("An ssh_username must be specified"));
  }

  @Test
  void aMissingUserDataFileIsNamed() {
    assertThat(messages(bind(with(MINIMAL, "{\"user_data_file\":\"/no/such/file\"}"))))
        .containsExactly("user_data_file not found: /no/such/file");
  }

  @Test
  void theTokenMayComeFromTheEnvironment() {
    String noToken = with(MINIMAL, "{\"api_token\":\"\"}");
    assertThat(messages(bind(noToken))).containsExactly("api_token for auth must be specified");
    assertThat(messages(bind(noToken, Map.of("DIGITALOCEAN_API_TOKEN", "t")))).isEmpty();
    assertThat(messages(bind(noToken, Map.of("DIGITALOCEAN_ACCESS_TOKEN", "t")))).isEmpty();
  }

  @Test
  void theErrorIsLocatedAtTheKey() {
    BindResult<DigitalOceanConfig> result = bind(with(MINIMAL, "{\"tags\":[\"x y\"]}"));
    assertThat(result.diagnostics()).hasSize(1);
    assertThat(result.diagnostics().get(0).source().toString()).contains("/builders/0/tags/0");
  }

  @Test
  void badApiUrlAndDurationsAreRefused() {
    assertThat(messages(bind(with(MINIMAL, "{\"api_url\":\"ftp://example.com\"}"))))
        .singleElement()
        .asString()
        .startsWith("DigitalOcean: Invalid API URL, ");
    assertThat(messages(bind(with(MINIMAL, "{\"state_timeout\":\"forever\"}"))))
        .singleElement()
        .asString()
        .contains("state_timeout")
        .contains("invalid duration \"forever\"");
  }

  @Test
  void unknownKeysAreRefused() {
    assertThat(messages(bind(with(MINIMAL, "{\"ssh_key_id\":1}"))))
        .singleElement()
        .asString()
        .contains("ssh_key_id");
  }

  @Test
  void aNumericImageIsAnImageIdAnythingElseASlug() {
    assertThat(StepCreateDroplet.image("12345")).isEqualTo(12345);
    assertThat(StepCreateDroplet.image("ubuntu-20-04-x64")).isEqualTo("ubuntu-20-04-x64");
  }
}
