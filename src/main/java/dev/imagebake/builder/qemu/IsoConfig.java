package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenamedKey;
import java.util.List;

/**
 * Where the ISO (or, with {@code disk_image}, the base disk) comes from (reference §5.4). The
 * renamed keys are those {@code packer fix} folds into {@code iso_checksum}.
 */
@RenamedKey(key = "iso_md5", use = "iso_checksum")
@RenamedKey(key = "iso_checksum_url", use = "iso_checksum")
@RenamedKey(key = "iso_checksum_type", use = "iso_checksum")
public record IsoConfig(
    @Doc(
            "The ISO to boot, or with disk_image the disk to start from: a local path, a file://"
                + " URL or an http(s) URL (downloaded once into PACKER_CACHE_DIR).")
        String isoUrl,
    @Doc("Several locations of the same file, tried in order.") List<String> isoUrls,
    @Doc(
            "Checksum of the file: 'sha256:<hex>' (md5, sha1, sha512 too), a bare hex value (type"
                + " guessed from its length), 'file:<path-or-url>' of a checksum list, or 'none'.")
        String isoChecksum,
    @Doc("Deprecated (Packer 1.5): the type of iso_checksum, or none; prefer 'type:value'.")
        String isoChecksumType,
    @Doc("Deprecated (Packer 1.5): URL of a checksum file; prefer 'file:<url>'.")
        String isoChecksumUrl,
    @Doc("Where the downloaded file is stored instead of the cache.") String isoTargetPath,
    @Doc("File extension of the downloaded file in the cache (default iso).")
        String isoTargetExtension,
    @Doc("Download again even when the cache holds the file.") Boolean isoSkipCache) {

  /**
   * The checksum in Packer 1.6's syntax, the deprecated keys folded in as Packer does: {@code
   * iso_checksum_type} none or a type prefix, {@code iso_checksum_url} as {@code file:<url>}.
   */
  String checksum() {
    String type = isoChecksumType == null ? "" : isoChecksumType.toLowerCase(java.util.Locale.ROOT);
    if (type.equals("none")) {
      return "none";
    }
    if (isoChecksumUrl != null
        && !isoChecksumUrl.isEmpty()
        && (isoChecksum == null || isoChecksum.isEmpty())) {
      return "file:" + isoChecksumUrl;
    }
    if (!type.isEmpty()
        && isoChecksum != null
        && !isoChecksum.isEmpty()
        && !isoChecksum.contains(":")) {
      return type + ":" + isoChecksum;
    }
    return isoChecksum;
  }

  /** iso_url and iso_urls together, in order. */
  List<String> urls() {
    if (isoUrl != null && !isoUrl.isEmpty()) {
      return List.of(isoUrl);
    }
    return isoUrls == null ? List.of() : isoUrls;
  }
}
