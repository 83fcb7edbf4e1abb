/**
 * Network helpers for plugins that call HTTP APIs: {@link dev.imagebake.sdk.net.DeferredTls} keeps
 * the JDK's TLS set-up off the path of clients that may never speak TLS.
 */
package dev.imagebake.sdk.net;
