package dev.imagebake.engine;

import dev.imagebake.sdk.Connector;
import dev.imagebake.ui.Output;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** What every build of one run shares. */
record RunServices(
    Output output,
    Clock clock,
    BuildOptions options,
    Interrupts interrupts,
    Connector connector,
    ScheduledExecutorService timers) {}
