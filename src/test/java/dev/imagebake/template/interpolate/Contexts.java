package dev.imagebake.template.interpolate;

import java.time.Instant;
import java.util.Map;

/** Render contexts shared by the tests: one fixed build-wide instant, known variables. */
final class Contexts {
  /** The instant of the observed values in the reference (§2.3, §2.4), plus some nanoseconds. */
  static final Instant INSTANT = Instant.parse("2026-11-26T05:08:10.123456789Z");

  private Contexts() {}

  /** A builder-config context: variables, build name/type, version, template dir. */
  static RenderContext.Builder builder() {
    return RenderContext.builder()
        .userVariables(
            Map.of(
                "name", "web",
                "region", "eu-west-1",
                "empty", "",
                "nested", "{{user `name`}}-x",
                "flag", "true"))
        .env(name -> name.equals("HOME") ? "/home/me" : "")
        .buildName("my-build-1")
        .buildType("amazon-ebs")
        .templateDir("/tpl")
        .workingDir("/work")
        .version("1.6.6")
        .instant(INSTANT)
        .uuid(() -> "6b07beba-6f63-79af-d2b5-e0add904de59")
        .fields(Map.of("HTTPIP", "10.0.2.2", "HTTPPort", 8080L, "Sudo", true));
  }

  static RenderContext standard() {
    return builder().build();
  }

  static String render(String template, RenderContext context) throws TemplateException {
    return TemplateString.parse(template).render(context);
  }
}
