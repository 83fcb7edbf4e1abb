package dev.imagebake.testing.digitalocean;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Scripted faults of the fake DigitalOcean API, by operation ({@code "*"}: any): the next N calls,
 * or only the nth, answer an error, are throttled (429 with {@code RateLimit-Reset}), have their
 * connection dropped, or take effect with their answer lost. Faults other than lost answers are
 * checked before the operation runs, so they change no state.
 */
public final class DoFaults {
  /** What a fault does. */
  public enum Kind {
    ERROR,
    DROP,
    /** The operation happens, then the connection is closed: the caller never learns the result. */
    LOSE_ANSWER
  }

  /** One fault; {@code remaining} is -1 for a permanent one. */
  record Fault(String op, int remaining, Kind kind, int status, String id, String message) {
    boolean matches(String o) {
      return op.equals("*") || op.equals(o);
    }
  }

  private final List<Fault> faults = new ArrayList<>();
  private final List<Object[]> delayed = new ArrayList<>();
  private int injected;

  /** The next {@code times} calls of {@code op} answer this error. */
  public synchronized DoFaults failNext(String op, int times, int status, String id, String msg) {
    faults.add(new Fault(op, times, Kind.ERROR, status, id, msg));
    return this;
  }

  /** Only the {@code nth} call (1-based, counted from now) of {@code op} answers this error. */
  public synchronized DoFaults failNth(String op, int nth, int status, String id, String msg) {
    delayed.add(new Object[] {op, nth - 1, new Fault(op, 1, Kind.ERROR, status, id, msg)});
    return this;
  }

  /** Every call of {@code op} answers this error until {@link #clear()}. */
  public synchronized DoFaults failAlways(String op, int status, String id, String msg) {
    faults.add(new Fault(op, -1, Kind.ERROR, status, id, msg));
    return this;
  }

  /** The next {@code times} calls answer 429 too_many_requests, with a RateLimit-Reset of now. */
  public DoFaults throttle(String op, int times) {
    return failNext(op, times, 429, "too_many_requests", "API Rate limit exceeded.");
  }

  /** The next {@code times} calls answer 500 server_error. */
  public DoFaults serverError(String op, int times) {
    return failNext(op, times, 500, "server_error", "Server was unable to give you a response.");
  }

  /** The next {@code times} calls get their connection closed without an answer. */
  public synchronized DoFaults dropNext(String op, int times) {
    faults.add(new Fault(op, times, Kind.DROP, 0, null, null));
    return this;
  }

  /** The next {@code times} calls of {@code op} take effect but their answers are lost. */
  public synchronized DoFaults loseAnswers(String op, int times) {
    faults.add(new Fault(op, times, Kind.LOSE_ANSWER, 0, null, null));
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
  synchronized Optional<Fault> take(String op) {
    for (Iterator<Object[]> it = delayed.iterator(); it.hasNext(); ) {
      Object[] d = it.next();
      if (d[0].equals(op)) {
        int skip = (Integer) d[1];
        if (skip == 0) {
          it.remove();
          injected++;
          return Optional.of((Fault) d[2]);
        }
        d[1] = skip - 1;
      }
    }
    for (int i = 0; i < faults.size(); i++) {
      Fault f = faults.get(i);
      if (f.matches(op)) {
        if (f.remaining() == 1) {
          faults.remove(i);
        } else if (f.remaining() > 1) {
          faults.set(
              i, new Fault(f.op(), f.remaining() - 1, f.kind(), f.status(), f.id(), f.message()));
        }
        injected++;
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
