package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code docker-email}: removes {@code login_email} from every builder and post-processor, but only
 * in templates with post-processors (as Packer's).
 */
final class DockerEmail implements Fixer {
  @Override
  public String name() {
    return "docker-email";
  }

  @Override
  public String synopsis() {
    return "Removes \"login_email\" from the Docker builder.";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of(
        "packer.docker", List.of("login_email"),
        "packer.post-processor.docker-import", List.of("login_email"));
  }

  @Override
  public void fix(Map<String, Object> template) throws FixException {
    if (template.get("post-processors") == null) {
      return;
    }
    List<Map<String, Object>> builders = GoDecode.builders(template);
    List<Object> pps = GoDecode.postProcessors(template);
    if (builders != null) {
      for (Map<String, Object> builder : builders) {
        if (builder != null) {
          builder.remove("login_email");
        }
      }
    }
    for (Map<String, Object> pp : GoDecode.ppList(pps)) {
      pp.remove("login_email");
    }
    template.put("post-processors", pps);
  }
}
