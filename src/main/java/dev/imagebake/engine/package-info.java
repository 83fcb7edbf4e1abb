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
 * return result.outcome(); // SUCCEEDED, ERRORED or INTERRUPTED
 * }</pre>
 *
 * <p>Plugins never see this package: builders compose the SDK's common steps ({@link
 * dev.imagebake.sdk.steps}) and reach communicators through {@link
 * dev.imagebake.sdk.BuildContext#connector()}, which the CLI wires to the communicator plugins.
 */
package dev.imagebake.engine;
