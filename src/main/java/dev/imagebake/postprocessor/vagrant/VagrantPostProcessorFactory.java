package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code vagrant} post-processor. Its checks are Packer's {@code Configure} rules plus what
 * Packer only finds at run time: compression levels, missing includes, and providers imagebake
 * cannot box.
 */
public final class VagrantPostProcessorFactory implements PostProcessorFactory<VagrantConfig> {
  public VagrantPostProcessorFactory() {}

  @Override
  public String type() {
    return "vagrant";
  }

  @Override
  public Class<VagrantConfig> configType() {
    return VagrantConfig.class;
  }

  @Override
  public void check(VagrantConfig config, ConfigCheck check) {
    BoxSettings base = config.settingsFor("");
    checkSettings("", base, base, check);
    if (config.override() != null) {
      for (String provider : Providers.KNOWN) {
        BoxSettings own = config.override().of(provider);
        if (own != null) {
          checkSettings("override/" + provider + "/", own, base.overriddenBy(own), check);
        }
      }
    }
    String forced = config.providerOverride();
    if (forced != null && !forced.isEmpty()) {
      if (!Providers.KNOWN.contains(forced)) {
        check.error(
            "provider_override",
            "The given provider_override "
                + forced
                + " is not valid. Please choose from one of "
                + Providers.KNOWN_TEXT);
      } else if (Providers.implementation(forced).isEmpty()) {
        check.error("provider_override", Providers.notSupported(forced));
      }
    }
  }

  /**
   * @param prefix where {@code own}'s keys are, e.g. {@code override/aws/}
   * @param own the keys written there
   * @param effective what a box gets from them (top-level keys under the override's)
   */
  private static void checkSettings(
      String prefix, BoxSettings own, BoxSettings effective, ConfigCheck check) {
    Integer level = own.compressionLevel();
    if (level != null && (level < -1 || level > 9)) {
      check.error(
          prefix + "compression_level",
          "Invalid compression level. Expected an integer from -1 to 9.");
    }
    List<String> includes = own.include() == null ? List.of() : own.include();
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < includes.size(); i++) {
      String key = prefix + "include/" + i;
      Path file = check.resolve(includes.get(i));
      if (Files.isDirectory(file)) {
        check.error(
            key, "include '" + includes.get(i) + "' is a directory; only files can be included");
      } else if (!Files.isRegularFile(file)) {
        check.error(key, "include file '" + includes.get(i) + "' does not exist");
      } else if (file.getFileName() != null) {
        Integer earlier = byName.put(file.getFileName().toString(), i);
        if (earlier != null) {
          check.warn(
              key,
              "include/"
                  + earlier
                  + " has the same file name, "
                  + file.getFileName()
                  + "; only this one ends up in the box");
        }
      }
    }
    String template = own.vagrantfileTemplate();
    if (template != null
        && !template.isEmpty()
        && !effective.templateGenerated()
        && !Files.exists(check.resolve(template))) {
      check.error(
          prefix + "vagrantfile_template",
          "vagrantfile_template '" + template + "' does not exist");
    }
  }

  @Override
  public PostProcessor create(VagrantConfig config) {
    return new VagrantPostProcessor(config);
  }
}
