package dev.imagebake.fix;

import java.util.Map;

/**
 * {@code vmware-compaction}: {@code skip_compaction: true} for {@code vmware-iso} builders on esx5
 * whose disk is not thin.
 */
final class VmwareCompaction extends BuilderFixer {
  @Override
  public String name() {
    return "vmware-compaction";
  }

  @Override
  public String synopsis() {
    return "Adds \"skip_compaction = true\" to \"vmware-iso\" builders with incompatible disk_type_id";
  }

  @Override
  boolean takes(String type) {
    return "vmware-iso".equals(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    if (!"esx5".equals(GoDecode.string(builder.get("remote_type")))) {
      return;
    }
    if (!builder.containsKey("disk_type_id")) {
      // The default when the fixer was written.
      builder.put("disk_type_id", "zeroedthick");
    } else {
      String disk = GoDecode.string(builder.get("disk_type_id"));
      if (disk == null || disk.equals("thin")) {
        return;
      }
    }
    if (builder.containsKey("skip_compaction")) {
      if (builder.get("skip_compaction") instanceof Boolean skip && !skip) {
        builder.put("skip_compaction", true);
      }
      return;
    }
    builder.put("skip_compaction", true);
  }
}
