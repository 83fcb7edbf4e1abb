package dev.imagebake.sdk;

import java.util.List;

/**
 * Receives a command's output line by line, without the line terminator. Packer keeps only the text
 * after the last carriage return of a line (progress bars); implementations of {@link Communicator}
 * do the same before calling.
 */
public interface OutputSink {
  void stdout(String line);

  void stderr(String line);

  /** A sink that appends stdout lines to {@code stdout} and stderr lines to {@code stderr}. */
  static OutputSink into(List<String> stdout, List<String> stderr) {
    return new OutputSink() {
      @Override
      public void stdout(String line) {
        stdout.add(line);
      }

      @Override
      public void stderr(String line) {
        stderr.add(line);
      }
    };
  }

  /** A sink that shows stdout as {@link Ui#message} and stderr as {@link Ui#error}. */
  static OutputSink of(Ui ui) {
    return new OutputSink() {
      @Override
      public void stdout(String line) {
        ui.message(line);
      }

      @Override
      public void stderr(String line) {
        ui.error(line);
      }
    };
  }
}
