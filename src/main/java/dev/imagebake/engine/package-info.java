/**
 * Runs checked builds: one per builder block, in parallel; steps with reverse-order cleanup under
 * the {@code -on-error} policy; provisioners with their decorators; post-processor chains;
 * interrupts.
 *
 * <p>How the CLI uses it:
 *
 * <pre>{@code
 * Output output = new Output(new SecretFilter(Set.of()), terminal, renderers);
 * Interrupts interrupts = new Interrupts();
 * BuildRunner runner = new BuildRunner(output, connector, interrupts, options);
 * RunResult result;
 * try (AutoCloseable signals = interrupts.installSignalHandlers()) {
 *   result = runner.run(plans);
 * }
 * return result.exitCode(); // 0, 1 (a build failed) or 130 (interrupted)
 * }</pre>
 *
 * <p>What builders use: {@link dev.imagebake.engine.StepConnect}, {@link
 * dev.imagebake.engine.StepProvision}, {@link dev.imagebake.engine.StateKeys} and {@link
 * dev.imagebake.engine.NoneCommunicator}.
 */
package dev.imagebake.engine;
