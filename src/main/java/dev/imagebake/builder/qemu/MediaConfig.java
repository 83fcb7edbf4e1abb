package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.Doc;
import java.util.List;

/** Extra media for the guest: a CD made from files (cloud-init seeds), and floppies (a gap). */
public record MediaConfig(
    @Doc(
            "Files, directories or globs put on a CD attached to the VM (made with xorriso,"
                + " mkisofs or genisoimage).")
        List<String> cdFiles,
    @Doc("Volume label of that CD, e.g. cidata for cloud-init.") String cdLabel,
    @Doc("Not supported by imagebake yet.") List<String> floppyFiles,
    @Doc("Not supported by imagebake yet.") List<String> floppyDirs,
    @Doc("Not supported by imagebake yet.") String floppyLabel) {

  List<String> cdEntries() {
    return cdFiles == null ? List.of() : cdFiles;
  }
}
