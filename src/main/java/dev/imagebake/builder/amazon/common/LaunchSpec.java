package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * What on-demand and spot launches share: user data, tags (block devices: {@link BlockDevices}).
 */
final class LaunchSpec {
  private LaunchSpec() {}

  /** {@code user_data} or the file's content, base64-encoded unless it already is. */
  static String userData(BuildContext ctx, RunConfig run) throws IOException {
    String data = run.userData();
    if (!ConfigRules.blank(run.userDataFile())) {
      data = Files.readString(ctx.workingDirectory().resolve(run.userDataFile()));
    }
    if (ConfigRules.blank(data)) {
      return null;
    }
    try {
      Base64.getDecoder().decode(data);
      return data;
    } catch (IllegalArgumentException notBase64) {
      return Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code run_tags} rendered, with {@code Name: Packer Builder} unless given; announced. */
  static Map<String, String> instanceTags(BuildContext ctx, StateBag state, RunConfig run) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.putAll(Render.tags(ctx, state, run.runTags()));
    tags.putIfAbsent("Name", "Packer Builder");
    ctx.ui().say("Adding tags to source instance");
    tags.forEach((k, v) -> ctx.ui().message("Adding tag: \"" + k + "\": \"" + v + "\""));
    return tags;
  }

  static void requireEbsRoot(Image image) {
    if (!"ebs".equals(image.rootDeviceTypeAsString())) {
      throw new IllegalStateException(
          "The provided source AMI has an instance-store root device. You must use an EBS-backed"
              + " AMI.");
    }
  }
}
