package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * The common shape of Packer's post-processor fixers: nothing without post-processors; else decode
 * them ({@link GoDecode#postProcessors}), change each one of the fixer's type, write them back.
 */
abstract class PostProcessorFixer implements Fixer {
  /** The post-processor type changed. */
  abstract String type();

  /** Changes one post-processor in place. */
  abstract void fixPostProcessor(Map<String, Object> pp) throws FixException;

  @Override
  public final void fix(Map<String, Object> template) throws FixException {
    if (template.get("post-processors") == null) {
      return;
    }
    List<Object> pps = GoDecode.postProcessors(template);
    for (Map<String, Object> pp : GoDecode.ppList(pps)) {
      if (type().equals(pp.get("type"))) {
        fixPostProcessor(pp);
      }
    }
    template.put("post-processors", pps);
  }
}
