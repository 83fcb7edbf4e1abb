package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Cancellation;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code qemu-img} commands the builder runs, with {@code qemu_img_args} added. */
final class QemuImg {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What {@code qemu-img info} says about an image. */
  record Info(String format, BigInteger virtualSize) {}

  private final String program;
  private final QemuImgArgs extra;
  private final Cancellation cancellation;

  QemuImg(String program, QemuImgArgs extra, Cancellation cancellation) {
    this.program = program;
    this.extra = extra;
    this.cancellation = cancellation;
  }

  Info info(Path image) throws IOException {
    String out =
        HostCommand.run(
            cancellation, List.of(program, "info", "--output=json", "-U", image.toString()));
    JsonNode node = JSON.readTree(out);
    return new Info(node.path("format").asString(""), node.path("virtual-size").bigIntegerValue());
  }

  void create(List<String> options, Path image, String size) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(program, "create"));
    cmd.addAll(options);
    cmd.addAll(QemuImgArgs.orEmpty(extra.create()));
    cmd.add(image.toString());
    if (size != null) {
      cmd.add(size);
    }
    HostCommand.run(cancellation, cmd);
  }

  void convert(List<String> options, Path from, Path to) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(program, "convert"));
    cmd.addAll(options);
    cmd.addAll(QemuImgArgs.orEmpty(extra.convert()));
    cmd.add(from.toString());
    cmd.add(to.toString());
    HostCommand.run(cancellation, cmd);
  }

  void resize(String format, Path image, String size) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(program, "resize", "-f", format));
    cmd.addAll(QemuImgArgs.orEmpty(extra.resize()));
    cmd.add(image.toString());
    cmd.add(size);
    HostCommand.run(cancellation, cmd);
  }
}
