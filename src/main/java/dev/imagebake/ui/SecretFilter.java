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
 * containing another is masked whole. A secret of several lines (a private key, a certificate) is
 * masked line by line too, since output arrives one line at a time. Thread-safe; secrets may be
 * added while builds run.
 */
public final class SecretFilter {
  static final String MASK = "<sensitive>";

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();
  private volatile List<String> longestFirst = List.of();

  public SecretFilter(Set<String> initial) {
    initial.forEach(this::add);
  }

  /**
   * Lines of a multi-line secret shorter than this (after trimming) are not masked on their own:
   * masking a lone "}" or "--" would hide them in every line of output, and they reveal little.
   */
  static final int SHORTEST_LINE = 4;

  /** Adds a value to mask; empty and null values are ignored (they would match everywhere). */
  public void add(String secret) {
    if (secret == null || secret.isEmpty() || !secrets.add(secret)) {
      return;
    }
    if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
      secret
          .lines()
          .map(String::strip)
          .filter(line -> line.length() >= SHORTEST_LINE)
          .forEach(secrets::add);
    }
    synchronized (this) {
      List<String> sorted = new ArrayList<>(secrets);
      sorted.sort(Comparator.comparingInt(String::length).reversed());
      longestFirst = List.copyOf(sorted);
    }
  }

  /**
   * {@link #mask(String)}, leaving alone every whole word of {@code publicWords} (the keys and type
   * names of a template, which a diagnostic names): with the password {@code vagrant}, the type
   * {@code vagrant-cloud} stays readable in a message. A word is a run of letters, digits, {@code
   * _}, {@code -} and {@code .}.
   */
  public String mask(String text, Set<String> publicWords) {
    if (text == null || publicWords.isEmpty()) {
      return mask(text);
    }
    StringBuilder kept = new StringBuilder();
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && isWordChar(text.charAt(end))) {
        end++;
      }
      if (end > i && publicWords.contains(text.substring(i, end))) {
        kept.append('\u0000').append(words.size()).append('\u0000');
        words.add(text.substring(i, end));
        i = end;
      } else if (end > i) {
        kept.append(text, i, end);
        i = end;
      } else {
        kept.append(text.charAt(i++));
      }
    }
    String masked = mask(kept.toString());
    for (int w = 0; w < words.size(); w++) {
      masked = masked.replace("\u0000" + w + "\u0000", words.get(w));
    }
    return masked;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
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
