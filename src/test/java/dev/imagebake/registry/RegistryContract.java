package dev.imagebake.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's behaviour, run against every database it supports: each subclass gives a fresh,
 * empty database per test.
 */
abstract class RegistryContract {
  private String spec;
  private Registry registry;

  /** A new empty database, as IMAGEBAKE_REGISTRY would name it. */
  abstract String freshDatabase() throws Exception;

  /** A raw connection to it, to play a newer imagebake. */
  abstract Connection rawConnection(String spec) throws Exception;

  @BeforeEach
  void open() throws Exception {
    spec = freshDatabase();
    registry = Registry.open(RegistryLocation.parse(spec));
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void versionsAreNumberedPerBucketAndReadBackWhole() {
    assertThat(registry.record(Versions.ok("web", "a")).number()).isEqualTo(1);
    assertThat(registry.record(Versions.ok("web", "b")).number()).isEqualTo(2);
    assertThat(registry.record(Versions.ok("db", "c")).number()).isEqualTo(1);

    Version v = registry.show("web", 2);
    NewVersion expected = Versions.ok("web", "b");
    assertThat(v.builds()).isEqualTo(expected.builds());
    assertThat(v.labels()).isEqualTo(expected.labels());
    assertThat(v.fingerprint()).isEqualTo(expected.fingerprint());
    assertThat(v.started()).isEqualTo("2026-12-07T10:00:00Z");
    assertThat(v.who()).isEqualTo("alice");
    assertThat(registry.versions("web")).extracting(Version::number).containsExactly(1, 2);
    assertThat(registry.buckets())
        .extracting(Bucket::name, Bucket::versions, Bucket::latest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("db", 1, 1),
            org.assertj.core.groups.Tuple.tuple("web", 2, 2));
  }

  @Test
  void filesOfArtifactsKeepTheirSizeAndDigest() {
    Recorded.Build b =
        new Recorded.Build(
            "f",
            "file",
            "succeeded",
            null,
            List.of(
                new Recorded.Artifact(
                    "packer.file",
                    "out/a.txt",
                    null,
                    "Stored file: out/a.txt",
                    List.of(
                        new Recorded.FileDigest("out/a.txt", 12, "ab12"),
                        new Recorded.FileDigest("out/b.txt", -1, "")))),
            List.of(new Recorded.Parent("iso", "http://x/debian.iso", "sha256:99")));
    registry.record(Versions.of("files", "f", "succeeded", List.of(b)));
    assertThat(registry.show("files", 1).builds()).containsExactly(b);
  }

  @Test
  void aFailedVersionIsRecordedButCannotBeAssigned() {
    registry.record(Versions.failed("web", "x"));
    assertThat(registry.show("web", 1).status()).isEqualTo("failed");
    assertThatThrownBy(() -> registry.setChannel("web", "prod", 1, "bob"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("web/v1 failed; only a successful version can be assigned to a channel");
    assertThat(registry.channels("web")).isEmpty();
  }

  @Test
  void channelMovesAreAppendedAndRollbackUndoesThem() {
    for (String h : List.of("a", "b", "c")) {
      registry.record(Versions.ok("web", h));
    }
    registry.setChannel("web", "prod", 1, "alice");
    registry.setChannel("web", "prod", 2, "alice");
    registry.setChannel("web", "prod", 3, "bob");
    assertThat(registry.setChannel("web", "prod", 3, "bob")).isEmpty();

    ChannelMove back = registry.rollback("web", "prod", "carol");
    assertThat(back.from()).isEqualTo(3);
    assertThat(back.to()).isEqualTo(2);
    assertThat(registry.rollback("web", "prod", "carol").to()).isEqualTo(1);
    assertThatThrownBy(() -> registry.rollback("web", "prod", "carol"))
        .hasMessage("channel 'prod' of web has held only v1; there is nothing to roll back to");

    assertThat(registry.history("web", "prod"))
        .extracting(ChannelMove::action, ChannelMove::from, ChannelMove::to, ChannelMove::who)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("set", null, 1, "alice"),
            org.assertj.core.groups.Tuple.tuple("set", 1, 2, "alice"),
            org.assertj.core.groups.Tuple.tuple("set", 2, 3, "bob"),
            org.assertj.core.groups.Tuple.tuple("rollback", 3, 2, "carol"),
            org.assertj.core.groups.Tuple.tuple("rollback", 2, 1, "carol"));
    assertThat(registry.resolve("web", "prod").number()).isEqualTo(1);
    assertThat(registry.show("web", 1).channels()).containsExactly("prod");
  }

  @Test
  void aRevokedVersionCannotBeAssignedAndItsChannelFailsLoudly() {
    registry.record(Versions.ok("base", "a")); // artifacts ami-a, ami-a-w
    registry.record(Versions.ok("base", "b"));
    registry.setChannel("base", "prod", 1, "alice");
    registry.setChannel("base", "prod", 2, "alice");
    // An app image built on base v2's AMI.
    registry.record(
        Versions.of("app", "z", "succeeded", List.of(Versions.amiBuild("ami-app", "ami-b"))));

    Version revoked = registry.revoke("base", 2, "CVE-2026-1234", "sec");
    assertThat(revoked.revoked().reason()).isEqualTo("CVE-2026-1234");
    assertThat(revoked.revoked().by()).isEqualTo("sec");

    assertThatThrownBy(() -> registry.resolve("base", "prod"))
        .hasMessageContaining("points at base/v2, which is revoked: CVE-2026-1234");
    assertThatThrownBy(() -> registry.setChannel("base", "staging", 2, "bob"))
        .hasMessage("base/v2 is revoked (CVE-2026-1234) and cannot be assigned to a channel");
    assertThatThrownBy(() -> registry.revoke("base", 2, "again", "sec"))
        .hasMessageContaining("already revoked");
    assertThat(registry.show("app", 1).revokedParents()).containsExactly("base/v2");
    assertThat(registry.versions("app").get(0).revokedParents()).containsExactly("base/v2");
    assertThat(registry.buckets().get(1).channels().get(0).revoked()).isTrue();

    // Rolling back off the revoked version works; rolling back onto one does not.
    assertThat(registry.rollback("base", "prod", "alice").to()).isEqualTo(1);
    assertThat(registry.resolve("base", "prod").number()).isEqualTo(1);
    registry.record(Versions.ok("base", "c"));
    registry.setChannel("base", "prod", 3, "alice");
    registry.revoke("base", 1, "old", "sec");
    assertThatThrownBy(() -> registry.rollback("base", "prod", "alice"))
        .hasMessage("base/v1 is revoked (old) and cannot be rolled back to");
  }

  @Test
  void unknownBucketVersionAndChannelAreNamed() {
    registry.record(Versions.ok("web", "a"));
    registry.setChannel("web", "prod", 1, "alice");
    assertThatThrownBy(() -> registry.versions("wbe"))
        .hasMessageStartingWith("no bucket 'wbe' in the registry ")
        .hasMessageEndingWith("(buckets: web)");
    assertThatThrownBy(() -> registry.show("web", 7))
        .hasMessage("bucket 'web' has no version 7 (latest: v1)");
    assertThatThrownBy(() -> registry.resolve("web", "stagin"))
        .hasMessage("bucket 'web' has no channel 'stagin' (channels: prod)");
    assertThatThrownBy(() -> registry.history("web", "stagin"))
        .hasMessage("bucket 'web' has no channel 'stagin' (channels: prod)");
    assertThatThrownBy(() -> registry.setChannel("web", "no/pe", 1, "a"))
        .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.usage()).isTrue());
  }

  @Test
  void unchangedFindsTheNewestGoodVersionWithTheSameHash() {
    registry.record(Versions.ok("web", "same"));
    registry.record(Versions.ok("web", "other"));
    registry.record(Versions.ok("web", "same"));
    registry.record(Versions.failed("web", "same"));
    assertThat(registry.unchanged("web", "sha256:same"))
        .get()
        .extracting(Version::number)
        .isEqualTo(3);
    registry.revoke("web", 3, "bad", "sec");
    assertThat(registry.unchanged("web", "sha256:same"))
        .get()
        .extracting(Version::number)
        .isEqualTo(1);
    assertThat(registry.unchanged("web", "sha256:new")).isEmpty();
    assertThat(registry.unchanged("nope", "sha256:same")).isEmpty();
  }

  @Test
  void aFailureInsideARecordingLeavesNoHalfVersion() {
    registry.record(Versions.ok("web", "a"));
    assertThatThrownBy(
            () ->
                registry.record(
                    Versions.ok("web", "b"),
                    () -> {
                      throw new IllegalStateException("crash");
                    }))
        .hasMessage("crash");
    assertThat(registry.versions("web")).extracting(Version::number).containsExactly(1);
    assertThat(registry.record(Versions.ok("web", "c")).number()).isEqualTo(2);
  }

  @Test
  void aKilledRecordingProcessLeavesNoHalfVersion() throws Exception {
    Process child = child("hang", "web");
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).isEqualTo("MIDWAY");
      child.destroyForcibly(); // SIGKILL, inside the transaction
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThatThrownBy(() -> registry.versions("web")).hasMessageContaining("no bucket 'web'");
    assertThat(registry.record(Versions.ok("web", "a")).number()).isEqualTo(1);
    assertThat(registry.show("web", 1).builds()).hasSize(1);
  }

  @Test
  void eightRecordingsAtOnceLoseNothing() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> numbers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String hash = "h" + i;
        numbers.add(
            pool.submit(
                () -> {
                  try (Registry r = Registry.open(RegistryLocation.parse(spec))) {
                    go.await();
                    return r.record(Versions.ok("web", hash)).number();
                  }
                }));
      }
      go.countDown();
      Set<Integer> got = new HashSet<>();
      for (Future<Integer> f : numbers) {
        got.add(f.get(120, TimeUnit.SECONDS));
      }
      assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    } finally {
      pool.shutdownNow();
    }
    List<Version> all = registry.versions("web");
    assertThat(all).hasSize(8);
    Set<String> hashes = new HashSet<>();
    for (Version v : all) {
      hashes.add(v.fingerprint().contentHash());
      assertThat(registry.show("web", v.number()).builds().get(0).artifacts()).hasSize(2);
    }
    assertThat(hashes).hasSize(8);
  }

  @Test
  void twoProcessesMovingOneChannelLoseNoHistoryRow() throws Exception {
    for (String h : List.of("a", "b", "c")) {
      registry.record(Versions.ok("web", h));
    }
    int each = 40;
    Process first = child("set", "web", "prod", Integer.toString(each));
    Process second = child("set", "web", "prod", Integer.toString(each));
    int moves = movesOf(first) + movesOf(second);
    List<ChannelMove> history = registry.history("web", "prod");
    assertThat(history).hasSize(moves);
    assertThat(moves).isGreaterThan(each); // both processes wrote
    Integer previous = null;
    for (ChannelMove m : history) {
      assertThat(m.from()).isEqualTo(previous);
      assertThat(m.to()).isNotEqualTo(m.from());
      previous = m.to();
    }
    assertThat(registry.resolve("web", "prod").number()).isEqualTo(previous);
  }

  @Test
  void aDatabaseWrittenByANewerImagebakeIsRefused() throws Exception {
    registry.close();
    try (Connection c = rawConnection(spec);
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
              + " script, checksum, installed_by, execution_time, success) VALUES (99, '2',"
              + " 'from the future', 'SQL', 'V2__future.sql', 0, 'x', 0, true)");
    }
    assertThatThrownBy(() -> Registry.open(RegistryLocation.parse(spec)))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("was written by a newer imagebake (schema version 2;")
        .hasMessageContaining("knows up to 1");
    registry = Registry.open(RegistryLocation.parse(freshDatabase()));
  }

  private Process child(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RegistryChild.class.getName());
    cmd.add(spec);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static int movesOf(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(out).startsWith("MOVES ");
    return Integer.parseInt(out.substring("MOVES ".length()));
  }
}
