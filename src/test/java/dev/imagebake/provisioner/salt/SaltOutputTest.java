package dev.imagebake.provisioner.salt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.RecordingUi;
import org.junit.jupiter.api.Test;

/** Failed states are read from the highstate outputter's layout while the lines are shown. */
class SaltOutputTest {
  @Test
  void failedStatesWithMultiLineCommentsAndTheLastErrors() {
    RecordingUi ui = new RecordingUi();
    SaltOutput out = new SaltOutput(ui);
    String text =
        """
        local:
        ----------
                  ID: ok
            Function: file.managed
              Result: True
             Comment: File ok is in the correct state
             Started: 10:00:00.000000
        ----------
                  ID: pkg
            Function: pkg.installed
                Name: nginx
              Result: False
             Comment: The following packages failed to install:
                      nginx
             Started: 10:00:00.000000
            Duration: 1.0 ms
             Changes:
        ----------
                  ID: last
            Function: cmd.run
              Result: False
             Comment: Command "false" run""";
    text.lines().forEach(out::stdout);
    out.stderr("[ERROR   ] first");
    out.stderr("   ");
    out.stderr("[ERROR   ] second");
    assertThat(out.failedStates())
        .extracting(Object::toString)
        .containsExactly(
            "pkg (pkg.installed): The following packages failed to install: nginx",
            "last (cmd.run): Command \"false\" run");
    assertThat(out.lastErrors()).isEqualTo("[ERROR   ] first; [ERROR   ] second");
    assertThat(ui.messages()).hasSize(text.lines().toList().size());
    assertThat(ui.errors()).hasSize(3);
  }
}
