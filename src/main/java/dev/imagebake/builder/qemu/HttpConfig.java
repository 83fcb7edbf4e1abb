package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.Doc;
import java.util.Map;

/** The HTTP server the guest can fetch files from during boot (Packer's {@code HTTPConfig}). */
public record HttpConfig(
    @Doc("Directory served over HTTP to the guest (at {{ .HTTPIP }}:{{ .HTTPPort }}).")
        String httpDirectory,
    @Doc("Files served over HTTP: path (e.g. /ks.cfg) to content. Not with http_directory.")
        Map<String, String> httpContent,
    @Doc("Lowest port the HTTP server may listen on (default 8000).") Integer httpPortMin,
    @Doc("Highest port the HTTP server may listen on (default 9000).") Integer httpPortMax,
    @Doc(
            "Address the HTTP server listens on (imagebake default 127.0.0.1, which the guest"
                + " reaches as 10.0.2.2; Packer's default is 0.0.0.0).")
        String httpBindAddress) {

  boolean enabled() {
    return (httpDirectory != null && !httpDirectory.isEmpty())
        || (httpContent != null && !httpContent.isEmpty());
  }

  int portMin() {
    return httpPortMin == null ? 8000 : httpPortMin;
  }

  int portMax() {
    return httpPortMax == null ? 9000 : httpPortMax;
  }

  String bindAddress() {
    return httpBindAddress == null || httpBindAddress.isEmpty() ? "127.0.0.1" : httpBindAddress;
  }
}
