package dev.imagebake.engine;

import dev.imagebake.sdk.TransferProgress;
import dev.imagebake.sdk.Ui;
import dev.imagebake.ui.Event;
import dev.imagebake.ui.Output;
import java.time.Clock;
import java.util.Optional;

/** The {@link Ui} of one build (or of one post-processor in it): lines become events. */
final class BuildUi implements Ui {
  private final Output output;
  private final Clock clock;
  private final String build;
  private final String postProcessor;

  BuildUi(Output output, Clock clock, String build, String postProcessor) {
    this.output = output;
    this.clock = clock;
    this.build = build;
    this.postProcessor = postProcessor;
  }

  @Override
  public void say(String text) {
    output.emit(line(Event.LineKind.SAY, text));
  }

  @Override
  public void message(String text) {
    output.emit(line(Event.LineKind.MESSAGE, text));
  }

  @Override
  public void error(String text) {
    output.emit(line(Event.LineKind.ERROR, text));
  }

  @Override
  public Optional<String> ask(String prompt) {
    return output.ask(line(Event.LineKind.SAY, prompt));
  }

  @Override
  public TransferProgress transfer(long totalBytes) {
    if (!output.showsProgress()) {
      return TransferProgress.none();
    }
    Output.Transfer transfer = output.transfer(build, postProcessor, totalBytes, clock);
    return TransferProgress.of(transfer::add, transfer::finish);
  }

  private Event.Line line(Event.LineKind kind, String text) {
    return new Event.Line(clock.instant(), kind, build, postProcessor, text);
  }
}
