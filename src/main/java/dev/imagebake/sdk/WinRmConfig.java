package dev.imagebake.sdk;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Secret;
import java.time.Duration;

/** WinRM keys: accepted so Windows templates parse, refused at validation until supported. */
public record WinRmConfig(
    @Doc("WinRM user.") String winrmUsername,
    @Doc("WinRM password.") @Secret String winrmPassword,
    @Doc("WinRM host.") String winrmHost,
    @Doc("WinRM port (5985, or 5986 with TLS).") Integer winrmPort,
    @Doc("How long to wait for WinRM (default 30m).") Duration winrmTimeout,
    @Doc("Use HTTPS.") Boolean winrmUseSsl,
    @Doc("Skip TLS certificate checks.") Boolean winrmInsecure,
    @Doc("Use NTLM authentication.") Boolean winrmUseNtlm,
    @Doc("Bypass the proxy.") Boolean winrmNoProxy) {}
