package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.Doc;
import java.util.List;

/** Extra arguments for the qemu-img subcommands the builder runs. */
public record QemuImgArgs(
    @Doc("Added to qemu-img convert.") List<String> convert,
    @Doc("Added to qemu-img create.") List<String> create,
    @Doc("Added to qemu-img resize.") List<String> resize) {

  static List<String> orEmpty(List<String> args) {
    return args == null ? List.of() : args;
  }
}
