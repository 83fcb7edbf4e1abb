package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.steps.StateKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Renders names, descriptions and tags with the build's data and the source AMI's fields. */
public final class Render {
  private Render() {}

  public static String string(BuildContext ctx, StateBag state, String template) {
    if (template == null || !template.contains("{{")) {
      return template;
    }
    Map<String, String> buildData = state.find(StateKeys.BUILD_DATA).orElse(Map.of());
    Map<String, Object> fields =
        state.find(AmazonState.TEMPLATE_DATA).map(TemplateData::fields).orElse(Map.of());
    return ctx.renderer().render(template, buildData, fields);
  }

  public static Map<String, String> tags(
      BuildContext ctx, StateBag state, Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      raw.forEach((k, v) -> out.put(string(ctx, state, k), string(ctx, state, v)));
    }
    return out;
  }

  public static List<Tag> sdkTags(Map<String, String> tags) {
    List<Tag> list = new ArrayList<>();
    tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
    return list;
  }
}
