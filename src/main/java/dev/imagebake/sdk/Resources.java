package dev.imagebake.sdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The resources one build made and has not deleted yet, so that nothing is lost track of: what is
 * still recorded when the build ends (a cleanup failed, {@code -on-error=abort}, or the user
 * skipped the cleanups with a deliberate second Ctrl-C) is listed with its id and written to a
 * leftovers file. Thread-safe.
 *
 * <p>A step records a resource <em>before</em> the call that creates it (the answer may be lost),
 * with the name it asked for when the id is not known yet; it replaces the record once the id is
 * known ({@link #replace}), and drops it once its cleanup deleted it, or found it never existed
 * ({@link #deleted}). A step that keeps a resource as (part of) the artifact drops it too.
 *
 * <p>A running machine (an instance, a VM process, a container) is recorded with a {@code stop}
 * action: when the cleanups are skipped, the engine still runs it, so no machine keeps running (and
 * costing) unseen. {@code stop} must be quick (terminate, kill; no waiting for the end) and return
 * normally only when the machine is ended for good; the record is then dropped.
 */
public final class Resources {
  private record Entry(Resource resource, Runnable stop) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Records {@code resource}; a record of the same resource is replaced. */
  public void created(Resource resource) {
    created(resource, null);
  }

  /** Records a running machine with the action that ends it (see the class comment). */
  public synchronized void created(Resource resource, Runnable stop) {
    entries.removeIf(e -> e.resource().sameAs(resource));
    entries.add(new Entry(resource, stop));
  }

  /** Replaces the record of {@code before} (e.g. known by name) by {@code after} (by id). */
  public synchronized void replace(Resource before, Resource after, Runnable stop) {
    entries.removeIf(e -> e.resource().sameAs(before));
    created(after, stop);
  }

  /** Drops the record of {@code resource}: it is deleted, kept as the artifact, or never was. */
  public synchronized void deleted(Resource resource) {
    entries.removeIf(e -> e.resource().sameAs(resource));
  }

  /** What is recorded now, oldest first. */
  public synchronized List<Resource> remaining() {
    return entries.stream().map(Entry::resource).toList();
  }

  /**
   * Runs the stop action of every running machine, newest first (the engine calls this when the
   * cleanups are skipped), and drops the machines it ended.
   *
   * @param failed told, for each machine that could not be stopped, what and why
   * @return the machines it stopped
   */
  public List<Resource> stopMachines(BiConsumer<Resource, RuntimeException> failed) {
    List<Entry> machines;
    synchronized (this) {
      machines = new ArrayList<>(entries.stream().filter(e -> e.stop() != null).toList());
    }
    Collections.reverse(machines);
    List<Resource> stopped = new ArrayList<>();
    for (Entry e : machines) {
      try {
        e.stop().run();
        deleted(e.resource());
        stopped.add(e.resource());
      } catch (RuntimeException ex) {
        failed.accept(e.resource(), ex);
      }
    }
    return stopped;
  }
}
