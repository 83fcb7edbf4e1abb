package dev.imagebake.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects diagnostics from every stage, so one run reports every problem. Not thread-safe. */
public final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();

  public void add(Diagnostic d) {
    all.add(d);
  }

  public void addAll(Diagnostics other) {
    all.addAll(other.all);
  }

  public List<Diagnostic> all() {
    return Collections.unmodifiableList(all);
  }

  public boolean hasErrors() {
    return all.stream().anyMatch(Diagnostic::isError);
  }

  public long errorCount() {
    return all.stream().filter(Diagnostic::isError).count();
  }
}
