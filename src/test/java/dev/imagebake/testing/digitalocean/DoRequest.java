package dev.imagebake.testing.digitalocean;

import tools.jackson.databind.JsonNode;

/**
 * One request the fake received.
 *
 * @param op the operation, e.g. {@code createDroplet}, {@code dropletAction.snapshot} (see {@link
 *     FakeDigitalOcean})
 * @param authorization the Authorization header as sent
 */
public record DoRequest(
    String op, String method, String path, String query, JsonNode body, String authorization) {}
