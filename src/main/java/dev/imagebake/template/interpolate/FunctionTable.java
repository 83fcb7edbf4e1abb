package dev.imagebake.template.interpolate;

import java.util.Map;

/** Every function a template may name: Go's builtins and Packer's (reference §2.1, §2.3). */
final class FunctionTable {
  /** Names Packer dropped; parse reports them as undefined with a hint. */
  private static final Map<String, String> RENAMED =
      Map.of(
          "clean_ami_name", "clean_resource_name",
          "clean_image_name", "clean_resource_name");

  private FunctionTable() {}

  static {
    if ("off".equals(System.getProperty("imagebake.startup.lazyFunctions"))) {
      for (String name :
          java.util.List.of(
              "printf",
              "print",
              "println",
              "html",
              "js",
              "urlquery",
              "len",
              "index",
              "and",
              "or",
              "not",
              "eq",
              "ne",
              "lt",
              "le",
              "gt",
              "ge",
              "user",
              "env",
              "timestamp",
              "isotime",
              "strftime",
              "uuid",
              "pwd",
              "template_dir",
              "build_name",
              "build_type",
              "packer_version",
              "split",
              "replace",
              "replace_all",
              "lower",
              "upper",
              "clean_resource_name",
              "build",
              "consul_key",
              "vault",
              "aws_secretsmanager",
              "sed")) {
        lookup(name);
      }
    }
  }

  /** The function, or null when the name is not defined. */
  static FunctionSpec lookup(String name) {
    FunctionSpec builtin = GoBuiltins.lookup(name);
    return builtin != null ? builtin : PackerFunctions.lookup(name);
  }

  /** Packer's message for an unknown name, with a hint for renamed functions. */
  static String undefinedMessage(String name) {
    String message = "function \"" + name + "\" not defined";
    String renamed = RENAMED.get(name);
    return renamed == null ? message : message + " (it was renamed " + renamed + ")";
  }
}
