package dev.imagebake.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Scripted faults of a fake cloud endpoint (EC2, OpenStack): the next N calls of an action (or of
 * every action, {@code "*"}) answer an error or have their connection dropped; a permanent fault
 * answers every call. Faults are checked before the action runs, so a faulted call changes no
 * state.
 */
public final class ScriptedFaults {
  /** What a fault does. */
  public enum Kind {
    ERROR,
    DROP,
    /** The action happens, then the connection is closed: the caller never learns the result. */
    LOSE_ANSWER
  }

  /** One fault; {@code remaining} is -1 for a permanent one. */
  public record Fault(
      String action, int remaining, Kind kind, int status, String code, String message) {
    boolean matches(String a) {
      return action.equals("*") || action.equals(a);
    }
  }

  private final List<Fault> faults = new ArrayList<>();

  /** [action, calls still to let through, fault]: faults armed by failNth/dropNth. */
  private final List<Object[]> delayed = new ArrayList<>();

  private int injected;

  /** The next {@code times} calls of {@code action} answer this error. */
  public synchronized ScriptedFaults failNext(
      String action, int times, int status, String code, String message) {
    faults.add(new Fault(action, times, Kind.ERROR, status, code, message));
    return this;
  }

  /**
   * Only the {@code nth} call (1-based, counted from now) of {@code action} answers this error,
   * e.g. to fail one precise point of a build.
   */
  public synchronized ScriptedFaults failNth(
      String action, int nth, int status, String code, String message) {
    nth(action, nth - 1, new Fault(action, 1, Kind.ERROR, status, code, message));
    return this;
  }

  /** Only the {@code nth} call of {@code action} gets its connection dropped. */
  public synchronized ScriptedFaults dropNth(String action, int nth) {
    nth(action, nth - 1, new Fault(action, 1, Kind.DROP, 0, null, null));
    return this;
  }

  private void nth(String action, int skip, Fault fault) {
    delayed.add(new Object[] {action, skip, fault});
  }

  /** Every call of {@code action} answers this error until {@link #clear()}. */
  public synchronized ScriptedFaults failAlways(
      String action, int status, String code, String message) {
    faults.add(new Fault(action, -1, Kind.ERROR, status, code, message));
    return this;
  }

  /** The next {@code times} calls answer 503 RequestLimitExceeded (throttling). */
  public ScriptedFaults throttle(String action, int times) {
    return failNext(action, times, 503, "RequestLimitExceeded", "Request limit exceeded.");
  }

  /** The next {@code times} calls answer 500 InternalError. */
  public ScriptedFaults serverError(String action, int times) {
    return failNext(
        action, times, 500, "InternalError", "An internal error has occurred. Please try again.");
  }

  /** The next {@code times} calls get their connection closed without an answer. */
  public synchronized ScriptedFaults dropNext(String action, int times) {
    faults.add(new Fault(action, times, Kind.DROP, 0, null, null));
    return this;
  }

  /**
   * The next {@code times} calls of {@code action} take effect but their answers are lost (the
   * connection closes), as when a network drops after EC2 acted.
   */
  public synchronized ScriptedFaults loseAnswers(String action, int times) {
    faults.add(new Fault(action, times, Kind.LOSE_ANSWER, 0, null, null));
    return this;
  }

  public synchronized void clear() {
    faults.clear();
    delayed.clear();
  }

  /** How many calls were answered by a fault so far. */
  public synchronized int injected() {
    return injected;
  }

  /** The fault for this call, consuming one of its repetitions. */
  public synchronized Optional<Fault> take(String action) {
    for (Iterator<Object[]> it = delayed.iterator(); it.hasNext(); ) {
      Object[] d = it.next();
      if (d[0].equals(action)) {
        int skip = (Integer) d[1];
        if (skip == 0) {
          it.remove();
          injected++;
          return Optional.of((Fault) d[2]);
        }
        d[1] = skip - 1;
      }
    }
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.matches(action)) {
        if (f.remaining() > 0) {
          int i = faults.indexOf(f);
          if (f.remaining() == 1) {
            it.remove();
          } else {
            faults.set(
                i,
                new Fault(
                    f.action(), f.remaining() - 1, f.kind(), f.status(), f.code(), f.message()));
          }
        }
        injected++;
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
