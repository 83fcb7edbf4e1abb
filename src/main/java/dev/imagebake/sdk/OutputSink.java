package dev.imagebake.sdk;

/**
 * Receives a command's output line by line, without the line terminator. Packer keeps only the text
 * after the last carriage return of a line (progress bars); implementations of {@link Communicator}
 * do the same before calling.
 */
public interface OutputSink {
  void stdout(String line);

  void stderr(String line);

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
