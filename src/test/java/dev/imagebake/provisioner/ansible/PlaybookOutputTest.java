package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.OutputSink;
import dev.imagebake.testing.RecordingUi;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lines as ansible-core 2.14's default callback writes them (captured with colour forced). */
class PlaybookOutputTest {
  private static final String RED = "\u001B[0;31m";
  private static final String CYAN = "\u001B[0;36m";
  private static final String OFF = "\u001B[0m";

  private final RecordingUi ui = new RecordingUi();
  private final PlaybookOutput output = new PlaybookOutput(OutputSink.of(ui));

  @Test
  void theFailedTaskIsTheLastOneNotIgnored() {
    output.stdout(
        "TASK [ignored] *****************************************************************");
    output.stdout(RED + "fatal: [127.0.0.1]: FAILED! => {\"changed\": true, \"msg\": \"x\"}" + OFF);
    output.stdout(CYAN + "...ignoring" + OFF);
    output.stdout("");
    output.stdout(
        "TASK [web : render config] *****************************************************");
    output.stdout(
        RED
            + "fatal: [127.0.0.1]: FAILED! => {\"changed\": false, \"msg\": \"AnsibleUndefinedVariable:"
            + " 'port' is undefined\"}"
            + OFF);
    output.stdout(
        "PLAY RECAP *********************************************************************");

    assertThat(output.failure().map(PlaybookOutput.Failure::describe))
        .contains(
            "task \"web : render config\" failed on 127.0.0.1: AnsibleUndefinedVariable: 'port'"
                + " is undefined");
    // Everything is passed on unchanged.
    assertThat(ui.messages()).hasSize(7).element(1).asString().startsWith(RED + "fatal:");
  }

  @Test
  void anIgnoredFailureAloneIsNoFailure() {
    output.stdout("TASK [ignored] ****");
    output.stdout("fatal: [127.0.0.1]: FAILED! => {\"msg\": \"x\"}");
    output.stdout("...ignoring");

    assertThat(output.failure()).isEmpty();
  }

  @Test
  void handlersLoopItemsAndResultsThatAreNotJsonAreUnderstood() {
    output.stdout("RUNNING HANDLER [restart nginx] ****");
    output.stderr("failed: [web1] (item=a) => {\"ansible_loop_var\": \"item\", \"item\": \"a\"}");

    assertThat(output.failure().map(PlaybookOutput.Failure::describe))
        .contains("task \"restart nginx\" failed on web1");

    output.stdout("TASK [yaml callback] ****");
    output.stdout("fatal: [127.0.0.1]: FAILED! => changed=false ");
    assertThat(output.failure().map(PlaybookOutput.Failure::task)).contains("yaml callback");
  }

  @Test
  void aPlaybookThatCannotBeLoadedReportsItsError() {
    output.stderr(
        RED + "ERROR! the role 'nginx' was not found in /tmp/staging/roles:/tmp/staging" + OFF);
    output.stderr(RED + "ERROR! a second one" + OFF);

    assertThat(output.failure()).isEmpty();
    assertThat(output.error())
        .isEqualTo(
            Optional.of(
                "ERROR! the role 'nginx' was not found in /tmp/staging/roles:/tmp/staging"));
    assertThat(ui.errors()).hasSize(2);
  }
}
