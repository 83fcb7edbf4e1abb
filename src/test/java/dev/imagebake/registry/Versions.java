package dev.imagebake.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Versions to record in tests. */
final class Versions {
  private Versions() {}

  static NewVersion ok(String bucket, String hash) {
    return of(bucket, hash, "succeeded", List.of(amiBuild("ami-" + hash, "ami-base")));
  }

  static NewVersion failed(String bucket, String hash) {
    return of(
        bucket,
        hash,
        "failed",
        List.of(new Recorded.Build("web", "amazon-ebs", "failed", "boom", List.of(), List.of())));
  }

  static Recorded.Build amiBuild(String ami, String sourceAmi) {
    return new Recorded.Build(
        "web",
        "amazon-ebs",
        "succeeded",
        null,
        List.of(
            new Recorded.Artifact(
                "mitchellh.amazonebs", ami, "us-east-1", "AMIs were created", List.of()),
            new Recorded.Artifact(
                "mitchellh.amazonebs", ami + "-w", "eu-west-1", "AMIs were created", List.of())),
        List.of(new Recorded.Parent("source_ami", sourceAmi, null)));
  }

  static NewVersion of(String bucket, String hash, String status, List<Recorded.Build> builds) {
    return new NewVersion(
        bucket,
        status,
        new Recorded.Fingerprint("0123abcd", "sha256:" + hash),
        Map.of("team", "web"),
        "/src/" + bucket + ".json",
        "alice",
        "ci-1",
        "0.1.0",
        Instant.parse("2026-12-07T10:00:00Z"),
        Instant.parse("2026-12-07T10:05:00Z"),
        builds);
  }
}
