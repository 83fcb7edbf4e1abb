package dev.imagebake.postprocessor.vagrant;

import java.util.List;
import java.util.Map;

/**
 * What a provider contributes to a box (Packer's {@code Provider.Process}).
 *
 * @param vagrantfile the provider's part of the Vagrantfile, a whole {@code Vagrant.configure}
 *     block
 * @param metadata the contents of {@code metadata.json}
 * @param files the provider's files (a libvirt disk as {@code box.img}), streamed from where they
 *     are
 */
record ProviderBox(String vagrantfile, Map<String, Object> metadata, List<BoxEntry> files) {
  ProviderBox {
    metadata = Map.copyOf(metadata);
    files = List.copyOf(files);
  }
}
