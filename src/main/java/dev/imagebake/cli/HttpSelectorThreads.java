package dev.imagebake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Ends the selector threads of the JDK's HTTP clients before the JVM exits.
 *
 * <p>Why: HotSpot's exit waits for every thread that is in native code to leave it, for up to 300
 * ms (VM_Exit::wait_for_threads_in_native_to_block in Java 17). A {@code java.net.http.HttpClient}
 * keeps a daemon thread, {@code HttpClient-<n>-SelectorManager}, in {@code epoll_wait} for as long
 * as the client lives, and Java 17's client has no {@code close()}: so every command that made an
 * HTTP call (the digitalocean and openstack builders, a download) spent 0.3 s in {@code
 * System.exit}. Interrupting the thread wakes its selector; the thread then sees the interrupt,
 * closes its connections and ends. Only at the very end of the process: nothing can use those
 * clients after it.
 */
final class HttpSelectorThreads {
  /** The name {@code jdk.internal.net.http.HttpClientImpl} gives its selector thread. */
  private static final Pattern NAME = Pattern.compile("HttpClient-\\d+-SelectorManager");

  private HttpSelectorThreads() {}

  /** Interrupts every such thread and waits for each to end, up to {@code millis} in all. */
  static void stopAll(long millis) {
    stop(running(), millis);
  }

  /** The selector threads alive now. */
  static List<Thread> running() {
    List<Thread> selectors = new ArrayList<>();
    for (Thread t : allThreads()) {
      if (t != Thread.currentThread() && NAME.matcher(t.getName()).matches()) {
        selectors.add(t);
      }
    }
    return selectors;
  }

  static void stop(List<Thread> selectors, long millis) {
    selectors.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + millis * 1_000_000;
    try {
      for (Thread t : selectors) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          return;
        }
        t.join(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread[] allThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n;
    while ((n = root.enumerate(threads, true)) == threads.length) {
      threads = new Thread[threads.length * 2];
    }
    Thread[] found = new Thread[n];
    System.arraycopy(threads, 0, found, 0, n);
    return found;
  }
}
