package org.example.hello;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Secret;

/**
 * The {@code hello} builder's keys: each component, in snake_case, is a key of the builder block.
 * A key the template leaves out is null; imagebake checks types and unknown keys by itself.
 */
@Doc("Writes a greeting to a local file; runs no machine. An example of a third-party plugin.")
public record HelloConfig(
    @Doc("File to write the greeting to (required); relative to the working directory.")
        String output,
    @Doc("Who to greet; default: world. (Not `name`: that key names the build.)") String recipient,
    @Doc("How many times to write the line, 1 to 100; default: 1.") Integer times,
    @Doc("A token the greeting must never show; masked in all output.") @Secret String token) {

  String recipientOrDefault() {
    return recipient == null || recipient.isEmpty() ? "world" : recipient;
  }

  int timesOrDefault() {
    return times == null ? 1 : times;
  }
}
