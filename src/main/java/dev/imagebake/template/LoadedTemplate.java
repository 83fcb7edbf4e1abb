package dev.imagebake.template;

import dev.imagebake.diag.Diagnostics;
import dev.imagebake.diag.Locations;

/**
 * A template file after loading and parsing.
 *
 * @param template what could be parsed; never null (empty when the file is not JSON)
 * @param locations positions of every value of the file, by JSON pointer
 * @param diagnostics read, syntax and structure problems; when it has errors, the template is
 *     incomplete and must not be built
 */
public record LoadedTemplate(Template template, Locations locations, Diagnostics diagnostics) {}
