package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.util.Map;

/**
 * Packer's {@code StepHTTPServer}: serves {@code http_directory} or {@code http_content} on the
 * first free port of {@code http_port_min..max}. Produces {@link QemuState#HTTP} and the build data
 * {@code PackerHTTPAddr}, {@code PackerHTTPIP}, {@code PackerHTTPPort} (which scripts see as {@code
 * PACKER_HTTP_ADDR}); the cleanup stops the server.
 */
final class StepHttpServer implements Step {
  private final HttpConfig http;

  StepHttpServer(HttpConfig http) {
    this.http = http;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (!http.enabled()) {
      return;
    }
    boolean dir = http.httpDirectory() != null && !http.httpDirectory().isEmpty();
    HttpFiles server =
        HttpFiles.start(
            http.bindAddress(),
            http.portMin(),
            http.portMax(),
            dir ? ctx.workingDirectory().resolve(http.httpDirectory()).normalize() : null,
            http.httpContent());
    state.put(QemuState.HTTP, server);
    ctx.ui().say("Starting HTTP server on port " + server.port());
    String port = Integer.toString(server.port());
    StateKeys.addBuildData(
        state,
        Map.of(
            "PackerHTTPAddr",
            TemplateFields.GUEST_GATEWAY + ":" + port,
            "PackerHTTPIP",
            TemplateFields.GUEST_GATEWAY,
            "PackerHTTPPort",
            port));
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    state.find(QemuState.HTTP).ifPresent(HttpFiles::close);
    state.remove(QemuState.HTTP);
  }

  @Override
  public String name() {
    return "StepHTTPServer";
  }
}
