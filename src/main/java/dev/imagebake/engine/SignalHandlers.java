package dev.imagebake.engine;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGINT/SIGTERM handling through {@code sun.misc.Signal} (module jdk.unsupported). */
final class SignalHandlers {
  private SignalHandlers() {}

  /** Installs {@code onSignal} for INT and TERM; closing restores the previous handlers. */
  static AutoCloseable install(Runnable onSignal) {
    List<Signal> signals = List.of(new Signal("INT"), new Signal("TERM"));
    List<SignalHandler> previous = new ArrayList<>();
    for (Signal s : signals) {
      previous.add(Signal.handle(s, sig -> onSignal.run()));
    }
    return () -> {
      for (int i = 0; i < signals.size(); i++) {
        Signal.handle(signals.get(i), previous.get(i));
      }
    };
  }
}
