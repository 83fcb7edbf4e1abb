package dev.imagebake.template;

import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;
import tools.jackson.databind.JsonNode;

/**
 * A JSON file as read by {@link JsonSource}.
 *
 * @param root the document, or null when it could not be read or is not valid JSON
 * @param locations where every value (and member key) starts
 * @param diagnostics read and syntax errors, duplicate keys
 */
public record ParsedJson(JsonNode root, Locations locations, Diagnostics diagnostics) {}
