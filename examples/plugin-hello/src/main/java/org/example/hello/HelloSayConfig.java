package org.example.hello;

import dev.imagebake.sdk.config.Doc;

/** The {@code hello-say} provisioner's keys. */
@Doc("Says a message in the build's output. An example of a third-party provisioner.")
public record HelloSayConfig(@Doc("What to say (required).") String message) {}
