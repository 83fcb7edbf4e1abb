package dev.imagebake.registry;

import dev.imagebake.engine.RunResult;
import dev.imagebake.template.BuilderBlock;
import dev.imagebake.ui.ArtifactInfo;
import dev.imagebake.ui.BuildReport;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Records one build run. The registry opens and the inputs are fingerprinted on background threads
 * while the build runs, so recording adds only the final transaction (and the hashing of the
 * artifacts' files) to the build's time.
 */
public final class RunRecorder implements AutoCloseable {
  /** {@code us-east-1:ami-0abc}: Packer's per-region artifact ids. */
  private static final Pattern REGION =
      Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+[a-z]?");

  private final RunInputs inputs;
  private final Instant started;
  private final CompletableFuture<Registry> registry;
  private final CompletableFuture<Opened> opened;

  private record Opened(Registry registry, Recorded.Fingerprint fingerprint) {}

  private RunRecorder(
      RunInputs inputs,
      Instant started,
      CompletableFuture<Registry> registry,
      CompletableFuture<Opened> opened) {
    this.inputs = inputs;
    this.started = started;
    this.registry = registry;
    this.opened = opened;
  }

  /**
   * Starts opening {@code location} on a thread of its own. A build starts it before checking its
   * template, so that connecting (for SQLite: its native library, the JDK's calendar data that
   * sqlite-jdbc's date format loads, the schema check) overlaps the check instead of following the
   * build.
   */
  public static CompletableFuture<Registry> openInBackground(RegistryLocation location) {
    return Background.run("registry-open", () -> Registry.open(location));
  }

  /** Closes the registry {@code opening} gives, once it is open; waits for that. */
  public static void closeWhenOpen(CompletableFuture<Registry> opening) {
    try {
      opening.join().close();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      // It never opened: nothing to close.
    }
  }

  /**
   * Starts asking git, on a thread of its own, for the commit of {@code template}'s folder when it
   * is clean (the fingerprint's git part): it needs only the template's path, so a build starts it
   * before checking the template, beside {@link #openInBackground}.
   */
  public static CompletableFuture<String> gitCommitInBackground(Path template) {
    return Background.run("registry-git", () -> Fingerprints.gitCommit(template));
  }

  /**
   * Records into the registry {@code registry} gives, hashing {@code inputs} meanwhile on a thread
   * of its own; {@code gitCommit} gives the fingerprint's commit ({@link #gitCommitInBackground}).
   */
  public static RunRecorder start(
      CompletableFuture<Registry> registry,
      CompletableFuture<String> gitCommit,
      RunInputs inputs,
      Instant started) {
    Registry.checkBucketName(inputs.bucket());
    CompletableFuture<Recorded.Fingerprint> fingerprint =
        Background.run("registry-fingerprint", () -> Fingerprints.contentHash(inputs))
            .thenCombine(gitCommit, (hash, commit) -> new Recorded.Fingerprint(commit, hash));
    return new RunRecorder(
        inputs, started, registry, registry.thenCombine(fingerprint, Opened::new));
  }

  /** The inputs' fingerprint; waits for the background work. */
  public Recorded.Fingerprint fingerprint() {
    return join().fingerprint();
  }

  /**
   * A successful, non-revoked version of the bucket with the same content hash, which {@code
   * --skip-unchanged} reuses instead of building.
   */
  public Optional<Version> unchanged() {
    Opened o = join();
    return o.registry().unchanged(inputs.bucket(), o.fingerprint().contentHash());
  }

  /** Records the run as the bucket's next version. */
  public Version record(RunResult result, Instant ended) {
    Opened o = join();
    return o.registry().record(newVersion(result, o.fingerprint(), ended));
  }

  NewVersion newVersion(RunResult result, Recorded.Fingerprint fingerprint, Instant ended) {
    List<Recorded.Build> builds = new ArrayList<>();
    for (BuildReport r : result.builds()) {
      builds.add(
          new Recorded.Build(
              r.name(),
              r.type(),
              status(r.outcome()),
              r.error() == null ? null : inputs.mask().apply(r.error()),
              artifacts(r),
              parents(r)));
    }
    String status =
        result.interrupted()
            ? "cancelled"
            : result.outcome() == RunResult.Outcome.SUCCEEDED && !builds.isEmpty()
                ? "succeeded"
                : "failed";
    return new NewVersion(
        inputs.bucket(),
        status,
        fingerprint,
        inputs.labels(),
        inputs.templateFile().toString(),
        inputs.who(),
        inputs.host(),
        inputs.imagebakeVersion(),
        started,
        ended,
        builds);
  }

  private static String status(BuildReport.Outcome o) {
    return switch (o) {
      case SUCCEEDED -> "succeeded";
      case ERRORED -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  private List<Recorded.Artifact> artifacts(BuildReport r) {
    List<Recorded.Artifact> out = new ArrayList<>();
    for (ArtifactInfo a : r.artifacts()) {
      if (a == null) {
        continue;
      }
      List<Recorded.FileDigest> files = new ArrayList<>();
      for (String f : a.files()) {
        files.add(digest(f));
      }
      List<String[]> regional = regional(a.id());
      if (regional.isEmpty()) {
        out.add(new Recorded.Artifact(a.builderId(), a.id(), null, a.description(), files));
      } else {
        for (String[] ri : regional) {
          out.add(new Recorded.Artifact(a.builderId(), ri[1], ri[0], a.description(), files));
        }
      }
    }
    return out;
  }

  /** {@code us-east-1:ami-1,eu-west-1:ami-2} as (region, id) pairs; empty for any other id. */
  static List<String[]> regional(String id) {
    List<String[]> pairs = new ArrayList<>();
    if (id == null || id.isEmpty()) {
      return pairs;
    }
    for (String part : id.split(",")) {
      int colon = part.indexOf(':');
      if (colon < 0 || !REGION.matcher(part.substring(0, colon)).matches()) {
        return List.of();
      }
      pairs.add(new String[] {part.substring(0, colon), part.substring(colon + 1)});
    }
    return pairs;
  }

  private Recorded.FileDigest digest(String file) {
    try {
      Path p = inputs.workingDir().resolve(file);
      if (Files.isRegularFile(p)) {
        return new Recorded.FileDigest(file, Files.size(p), Fingerprints.hashFile(p));
      }
    } catch (InvalidPathException | java.io.IOException e) {
      // Recorded as missing below.
    }
    return new Recorded.FileDigest(file, -1, "");
  }

  /** What the build's builder block starts from: source AMI, ISO and checksum, docker image. */
  private List<Recorded.Parent> parents(BuildReport r) {
    for (BuilderBlock b : inputs.template().builders()) {
      if (!Fingerprints.substitute(b.rawName(), inputs.variables()).equals(r.name())) {
        continue;
      }
      List<Recorded.Parent> parents = new ArrayList<>();
      String ami = text(b.config().get("source_ami"));
      if (ami != null) {
        parents.add(new Recorded.Parent("source_ami", ami, null));
      }
      String iso = text(b.config().get("iso_url"));
      JsonNode urls = b.config().get("iso_urls");
      if (iso == null && urls != null && urls.isArray() && !urls.isEmpty()) {
        iso = text(urls.get(0));
      }
      if (iso != null) {
        parents.add(new Recorded.Parent("iso", iso, text(b.config().get("iso_checksum"))));
      }
      String image = b.type().startsWith("docker") ? text(b.config().get("image")) : null;
      if (image != null) {
        int at = image.indexOf('@');
        parents.add(
            new Recorded.Parent(
                "docker_image",
                at < 0 ? image : image.substring(0, at),
                at < 0 ? null : image.substring(at + 1)));
      }
      return parents;
    }
    return List.of();
  }

  private String text(JsonNode n) {
    if (n == null || !n.isString() || n.asString().isBlank()) {
      return null;
    }
    String s = Fingerprints.substitute(n.asString(), inputs.variables());
    return inputs.mask().apply(s);
  }

  private Opened join() {
    try {
      return opened.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    registry.thenAccept(Registry::close);
  }
}
