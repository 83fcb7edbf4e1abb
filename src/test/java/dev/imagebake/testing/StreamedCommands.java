package dev.imagebake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The contract of {@link Communicator#runStreaming}, checked the same way for each communicator.
 */
public final class StreamedCommands {
  private StreamedCommands() {}

  /**
   * Streams {@code size} bytes of every value and no line structure through {@code cat}: they come
   * back unchanged, the command ends only because its input ended, and stderr and the exit status
   * stay apart.
   */
  public static void assertRoundTrip(Communicator comm, int size) throws IOException {
    byte[] input = new byte[size];
    for (int i = 0; i < input.length; i++) {
      input[i] = (byte) (i * 31 + i / 7);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandResult result =
        comm.runStreaming("cat; echo done >&2; exit 7", new ByteArrayInputStream(input), out, err);
    assertThat(result.exitStatus()).isEqualTo(7);
    assertThat(out.toByteArray()).isEqualTo(input);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("done\n");
  }
}
