package dev.imagebake.provisioner.ansible;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands the proxy's requests to the provisioner's thread: the SDK's communicator may be used from
 * that thread only, one call at a time, while the requests arrive on the SSH server's threads.
 * {@link #serve} runs them in arrival order until {@link #close} is called.
 */
final class CommunicatorQueue {
  private static final Runnable END = () -> {};
  private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
  private volatile boolean closed;

  /** Queues {@code task}; returns false (and drops it) once the queue is closed. */
  boolean submit(Runnable task) {
    if (closed) {
      return false;
    }
    tasks.add(task);
    return true;
  }

  /** Runs the queued tasks on the calling thread until {@link #close}. */
  void serve() throws InterruptedException {
    while (true) {
      Runnable task = tasks.take();
      if (task == END) {
        return;
      }
      task.run();
    }
  }

  /** Ends {@link #serve} after the tasks queued so far; later ones are refused. */
  void close() {
    closed = true;
    tasks.add(END);
  }
}
