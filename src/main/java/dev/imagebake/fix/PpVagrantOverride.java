package dev.imagebake.fix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pp-vagrant-override}: the provider keys of a vagrant post-processor (Packer before 0.5)
 * move under {@code override}.
 */
final class PpVagrantOverride extends PostProcessorFixer {
  @Override
  public String name() {
    return "pp-vagrant-override";
  }

  @Override
  public String synopsis() {
    return "Fixes provider-specific overrides for Vagrant post-processor";
  }

  @Override
  String type() {
    return "vagrant";
  }

  @Override
  void fixPostProcessor(Map<String, Object> pp) {
    Map<String, Object> overrides = new LinkedHashMap<>();
    for (String provider : List.of("aws", "digitalocean", "virtualbox", "vmware")) {
      if (pp.containsKey(provider)) {
        overrides.put(provider, pp.remove(provider));
      }
    }
    if (!overrides.isEmpty()) {
      pp.put("override", overrides);
    }
  }
}
