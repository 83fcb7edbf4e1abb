package dev.imagebake.builder.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.digitalocean.DoLeaks;
import dev.imagebake.testing.digitalocean.DoRequest;
import dev.imagebake.testing.digitalocean.DoWorld;
import dev.imagebake.ui.ArtifactInfo;
import dev.imagebake.ui.BuildReport;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole digitalocean builds against the local API endpoint and the loopback sshd. */
class DigitalOceanBuildTest {
  private static DoHarness h;

  @BeforeAll
  static void start() {
    h = new DoHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static Set<Long> made(Set<Long> baseline) {
    return h.api.world().images().stream()
        .map(i -> i.id)
        .filter(id -> !baseline.contains(id))
        .collect(Collectors.toSet());
  }

  @Test
  void buildsASnapshotTransfersItAndCleansUp() {
    h.reset();
    Set<Long> baseline = DoLeaks.baseline(h.api.world());
    var out =
        h.build(
            h.block(
                """
                {"snapshot_name":"web-{{timestamp}}","snapshot_regions":["ams3","nyc3","lon1","ams3"],
                 "droplet_name":"builder-1","tags":["web","env:ci"],"monitoring":true,"ipv6":true,
                 "private_networking":true,"vpc_uuid":"5a4981aa-9653-4bd1-bef5-d6bff52042e4",
                 "user_data":"#cloud-config"}
                """),
            List.of("echo provisioned on $(hostname)"));
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    ArtifactInfo artifact = out.report().artifacts().get(0);
    Set<Long> made = made(baseline);
    assertThat(made).hasSize(1);
    long id = made.iterator().next();
    assertThat(artifact.builderId()).isEqualTo("pearkes.digitalocean");
    assertThat(artifact.id()).isEqualTo("ams3,lon1,nyc3:" + id);
    assertThat(artifact.description())
        .isEqualTo(
            "A snapshot was created: 'web-1700000000' (ID: "
                + id
                + ") in regions 'ams3,lon1,nyc3'");
    DoWorld.Image image =
        h.api.world().images().stream().filter(i -> i.id == id).findFirst().orElseThrow();
    assertThat(image.name).isEqualTo("web-1700000000");
    assertThat(image.regions).containsExactlyInAnyOrder("nyc3", "ams3", "lon1");
    assertThat(DoLeaks.find(h.api.world(), baseline, made)).isEmpty();
    // Packer 1.6.6's step names (builder/digitalocean/builder.go), as -timings and -debug show
    // them; the region check and the success marker are imagebake's own.
    assertThat(out.report().steps())
        .extracting(dev.imagebake.ui.StepTiming::step)
        .containsExactly(
            "StepCheckRegions",
            "stepCreateSSHKey",
            "stepCreateDroplet",
            "stepDropletInfo",
            "StepConnect",
            "StepProvision",
            "stepShutdown",
            "stepPowerOff",
            "stepSnapshot",
            "StepSucceeded");
    assertThat(out.console())
        .contains(
            "Creating temporary ssh key for droplet...",
            "Creating droplet...",
            "Waiting for droplet to become active...",
            "provisioned on",
            "Gracefully shutting down droplet...",
            "Creating snapshot: web-1700000000",
            "Waiting for snapshot to complete...",
            "transferring Snapshot ID: ",
            "Destroying droplet...",
            "Deleting temporary ssh key...")
        .doesNotContain("Forcefully shutting down Droplet...");
    DoRequest create =
        h.api.calls().stream()
            .filter(c -> c.op().equals("createDroplet"))
            .findFirst()
            .orElseThrow();
    assertThat(create.body().path("name").asString()).isEqualTo("builder-1");
    assertThat(create.body().path("region").asString()).isEqualTo("nyc3");
    assertThat(create.body().path("size").asString()).isEqualTo("s-1vcpu-1gb");
    assertThat(create.body().path("image").asString()).isEqualTo("ubuntu-20-04-x64");
    assertThat(create.body().path("monitoring").asBoolean()).isTrue();
    assertThat(create.body().path("ipv6").asBoolean()).isTrue();
    assertThat(create.body().path("private_networking").asBoolean()).isTrue();
    assertThat(create.body().path("vpc_uuid").asString())
        .isEqualTo("5a4981aa-9653-4bd1-bef5-d6bff52042e4");
    assertThat(create.body().path("user_data").asString()).isEqualTo("#cloud-config");
    assertThat(create.body().path("tags").toString()).isEqualTo("[\"web\",\"env:ci\"]");
    assertThat(create.body().path("ssh_keys").size()).isEqualTo(1);
    // The token is only ever in the Authorization header.
    assertThat(h.api.calls())
        .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bearer " + h.api.token()));
    assertThat(out.console() + out.events()).doesNotContain(h.api.token());
    // Packer's order of calls.
    List<String> ops = h.api.ops();
    assertThat(ops.get(0)).isEqualTo("listRegions");
    assertThat(ops.indexOf("createKey")).isLessThan(ops.indexOf("createDroplet"));
    assertThat(ops.indexOf("dropletAction.shutdown"))
        .isLessThan(ops.indexOf("dropletAction.snapshot"));
    assertThat(ops.indexOf("dropletAction.snapshot"))
        .isLessThan(ops.indexOf("imageAction.transfer"));
    assertThat(ops.lastIndexOf("deleteDroplet")).isLessThan(ops.lastIndexOf("deleteKey"));
    assertThat(ops.stream().filter(o -> o.equals("imageAction.transfer")).count()).isEqualTo(2);
  }

  @Test
  void defaultsAreApacker_timestampSnapshotAndAPackerDropletWithoutRegionCheck() {
    h.reset();
    Set<Long> baseline = DoLeaks.baseline(h.api.world());
    var out = h.build(h.block("{}"), List.of());
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    ArtifactInfo artifact = out.report().artifacts().get(0);
    long id = made(baseline).iterator().next();
    assertThat(artifact.id()).isEqualTo("nyc3:" + id);
    assertThat(artifact.description())
        .isEqualTo(
            "A snapshot was created: 'packer-1700000000' (ID: " + id + ") in regions 'nyc3'");
    assertThat(h.api.ops()).doesNotContain("listRegions", "listDroplets");
    DoRequest create =
        h.api.calls().stream()
            .filter(c -> c.op().equals("createDroplet"))
            .findFirst()
            .orElseThrow();
    assertThat(create.body().path("name").asString()).matches("packer-[0-9a-f-]{36}");
  }

  @Test
  void artifactDestroyDeletesTheSnapshot() throws Exception {
    h.reset();
    Set<Long> baseline = DoLeaks.baseline(h.api.world());
    var out = h.build(h.block("{}"), List.of());
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    long id = made(baseline).iterator().next();
    new DigitalOceanArtifact(
            new MadeSnapshot(id, "packer-1700000000", List.of("nyc3")),
            java.util.Map.of(),
            () -> DoClient.create(h.api.url().toString(), h.api.token(), DoHarness.FAST))
        .destroy();
    assertThat(DoLeaks.find(h.api.world(), baseline, Set.of())).isEmpty();
  }
}
