package dev.imagebake.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replaces every known secret value by {@code <sensitive>} (Packer's {@code LogSecretFilter}). It
 * sits in front of every renderer, so machine-readable output and the event log are masked too
 * (Packer leaks secrets in machine-readable output). Longer secrets are replaced first, so a secret
 * containing another is masked whole. Thread-safe; secrets may be added while builds run.
 */
public final class SecretFilter {
  static final String MASK = "<sensitive>";

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private volatile List<String> longestFirst = List.of();

  public SecretFilter(Set<String> initial) {
    initial.forEach(this::add);
  }

  /** Adds a value to mask; empty and null values are ignored (they would match everywhere). */
  public void add(String secret) {
    if (secret == null || secret.isEmpty() || !secrets.add(secret)) {
      return;
    }
    synchronized (this) {
      List<String> sorted = new ArrayList<>(secrets);
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      longestFirst = List.copyOf(sorted);
    }
  }

  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : longestFirst) {
      result = result.replace(secret, MASK);
    }
    return result;
  }

  /** The same event with every text field masked. */
  public Event mask(Event event) {
    // Java 17 has no pattern switch; the chain covers every permitted event type.
    if (event instanceof Event.Line l) {
      return new Event.Line(
          l.at(), l.kind(), mask(l.build()), mask(l.postProcessor()), mask(l.text()));
    }
    if (event instanceof Event.BuildsStarting s) {
      return new Event.BuildsStarting(s.at(), s.builds().stream().map(this::mask).toList());
    }
    if (event instanceof Event.BuildStarted s) {
      return new Event.BuildStarted(s.at(), mask(s.build()), s.type());
    }
    if (event instanceof Event.StepStarted s) {
      return new Event.StepStarted(s.at(), mask(s.build()), s.step());
    }
    if (event instanceof Event.StepFinished s) {
      return new Event.StepFinished(s.at(), mask(s.build()), s.step(), s.took(), s.status());
    }
    if (event instanceof Event.CleanupFinished c) {
      return new Event.CleanupFinished(c.at(), mask(c.build()), c.step(), c.took(), c.skipped());
    }
    if (event instanceof Event.BuildFinished f) {
      return new Event.BuildFinished(f.at(), mask(f.build()), f.took(), mask(f.error()));
    }
    if (event instanceof Event.ArtifactCreated a) {
      return new Event.ArtifactCreated(a.at(), mask(a.build()), a.index(), mask(a.artifact()));
    }
    if (event instanceof Event.Summary s) {
      return new Event.Summary(
          s.at(),
          s.builds().stream().map(this::mask).toList(),
          s.interrupted(),
          s.cleanupSkipped(),
          s.leftBehind(),
          s.leftoversFile() == null ? null : mask(s.leftoversFile()));
    }
    return event; // WaitCompleted: no text
  }

  private ArtifactInfo mask(ArtifactInfo a) {
    return a == null
        ? null
        : new ArtifactInfo(
            mask(a.builderId()),
            mask(a.id()),
            mask(a.description()),
            a.files().stream().map(this::mask).toList());
  }

  private BuildReport mask(BuildReport r) {
    List<ArtifactInfo> artifacts = new ArrayList<>();
    for (ArtifactInfo a : r.artifacts()) {
      artifacts.add(mask(a));
    }
    return new BuildReport(
        mask(r.name()), r.type(), r.outcome(), r.took(), artifacts, mask(r.error()), r.steps());
  }
}
