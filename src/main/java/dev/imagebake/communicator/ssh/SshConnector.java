package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.go.GoDuration;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the SSH communicator (reference §4.3), waiting for the machine.
 *
 * <p>Unreachable ports and broken handshakes are retried every second until {@code ssh_timeout};
 * rejected credentials at most {@code ssh_handshake_attempts} times; a host key mismatch or an
 * impossible configuration not at all. Giving up reports the last real cause, e.g. {@code Timeout
 * waiting for SSH after 5m0s: connection refused on 10.0.0.5:22}.
 */
final class SshConnector implements Connector {
  private static final Logger LOG = LoggerFactory.getLogger(SshConnector.class);
  private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
  private static final Duration PROGRESS_INTERVAL = Duration.ofMinutes(1);

  private final Duration retryInterval;
  private final Duration progressInterval;
  private final Function<String, String> environment;

  SshConnector() {
    this(RETRY_INTERVAL, PROGRESS_INTERVAL, null);
  }

  /** For tests: a shorter pause between attempts. */
  SshConnector(Duration retryInterval) {
    this(retryInterval, PROGRESS_INTERVAL, null);
  }

  /** For tests: also another environment (e.g. an own SSH agent's {@code SSH_AUTH_SOCK}). */
  SshConnector(Duration retryInterval, Function<String, String> environment) {
    this(retryInterval, PROGRESS_INTERVAL, environment);
  }

  /**
   * @param retryInterval pause between connection attempts
   * @param progressInterval how often a long wait reports its latest obstacle on the UI
   * @param environment the environment ({@code SSH_AUTH_SOCK}); null for the build context's
   */
  SshConnector(
      Duration retryInterval, Duration progressInterval, Function<String, String> environment) {
    this.retryInterval = retryInterval;
    this.progressInterval = progressInterval;
    this.environment = environment;
  }

  @Override
  public Communicator connect(CommunicatorConfig config, ConnectTarget target, BuildContext ctx)
      throws IOException {
    SshSettings settings;
    try {
      settings =
          SshSettings.resolve(
              config,
              target,
              ctx::localPath,
              environment != null ? environment : ctx.environment()::get);
    } catch (ConnectFailure e) {
      throw new IOException(e.getMessage(), e);
    }
    Ui ui = ctx.ui();
    Cancellation cancellation = ctx.cancellation();
    SshDialer dialer = new SshDialer(settings, ui);
    ui.say("Using ssh communicator to connect: " + settings.target().host());
    ui.say("Waiting for SSH to become available...");
    SshLink link = await(dialer, cancellation, ui);
    ui.say("Connected to SSH!");
    if (settings.pauseBeforeConnecting().compareTo(Duration.ZERO) > 0) {
      ui.say(
          "Pausing "
              + GoDuration.format(settings.pauseBeforeConnecting())
              + " before connecting...");
      link.close();
      cancellation.sleep(settings.pauseBeforeConnecting());
      link = await(dialer, cancellation, ui);
      ui.say("Connected to SSH!");
    }
    if (settings.hostKeys() instanceof HostKeyPolicy.AcceptAny) {
      ui.say("Host key fingerprint: " + link.hostKeyFingerprint());
    }
    return new SshCommunicator(dialer, link, cancellation);
  }

  /**
   * Dials until it works, the failure is final, or ssh_timeout passes. A long wait says every
   * {@code progressInterval} what stands in the way (Packer stays silent until the timeout).
   */
  private SshLink await(SshDialer dialer, Cancellation cancellation, Ui ui) throws IOException {
    SshSettings settings = dialer.settings();
    Instant start = Instant.now();
    Instant deadline = start.plus(settings.timeout());
    Instant nextProgress = start.plus(progressInterval);
    int authFailures = 0;
    while (true) {
      cancellation.throwIfCancelled();
      ConnectFailure failure;
      try {
        LOG.debug("connecting to {}", dialer.settings().target().address());
        SshLink link = dialer.dial(Duration.between(Instant.now(), deadline));
        LOG.debug(
            "connected to {} after {} ms",
            dialer.settings().target().address(),
            Duration.between(start, Instant.now()).toMillis());
        return link;
      } catch (ConnectFailure e) {
        failure = e;
      }
      LOG.debug("SSH connection attempt failed ({}): {}", failure.kind(), failure.getMessage());
      switch (failure.kind()) {
        case HOST_KEY, CONFIGURATION -> throw new IOException(failure.getMessage(), failure);
        case AUTHENTICATION -> {
          authFailures++;
          if (authFailures >= settings.handshakeAttempts()) {
            throw new IOException(
                failure.getMessage()
                    + " ("
                    + authFailures
                    + (authFailures == 1 ? " attempt" : " attempts")
                    + ", ssh_handshake_attempts="
                    + settings.handshakeAttempts()
                    + ")",
                failure);
          }
        }
        default -> {
          // Unreachable or handshake broke off: the machine may still be booting.
        }
      }
      Instant now = Instant.now();
      if (!now.isBefore(nextProgress)) {
        ui.say(
            "Still waiting for SSH ("
                + GoDuration.format(Duration.ofSeconds(Duration.between(start, now).toSeconds()))
                + " so far): "
                + failure.getMessage());
        nextProgress = now.plus(progressInterval);
      }
      Duration left = Duration.between(now, deadline);
      if (left.isNegative() || left.isZero()) {
        throw new IOException(
            "Timeout waiting for SSH after "
                + GoDuration.format(settings.timeout())
                + ": "
                + failure.getMessage(),
            failure);
      }
      cancellation.sleep(left.compareTo(retryInterval) < 0 ? left : retryInterval);
    }
  }
}
