package dev.imagebake.template;

/**
 * A declared user variable.
 *
 * @param name the key in {@code variables}
 * @param defaultValue the raw (un-rendered) default, or null when the template gives {@code null}:
 *     the variable is then required
 * @param pointer JSON pointer of the declaration, e.g. {@code /variables/region}
 */
public record TemplateVariable(String name, String defaultValue, String pointer) {
  public boolean required() {
    return defaultValue == null;
  }
}
