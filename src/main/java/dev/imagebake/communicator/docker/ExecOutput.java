package dev.imagebake.communicator.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.imagebake.sdk.OutputSink;

/**
 * Receives an exec's multiplexed output frames and hands stdout and stderr, each split into lines
 * on its own, to the sink.
 */
final class ExecOutput extends ResultCallback.Adapter<Frame> {
  private final ExecLineSplitter stdout;
  private final ExecLineSplitter stderr;

  ExecOutput(OutputSink sink) {
    this.stdout = new ExecLineSplitter(sink::stdout);
    this.stderr = new ExecLineSplitter(sink::stderr);
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null || payload.length == 0) {
      return;
    }
    if (frame.getStreamType() == StreamType.STDERR) {
      stderr.write(payload, 0, payload.length);
    } else {
      stdout.write(payload, 0, payload.length);
    }
  }

  /** Emits the last line of each stream when it had no newline. */
  void flush() {
    stdout.close();
    stderr.close();
  }
}
