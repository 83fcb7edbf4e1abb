package dev.imagebake.testing.digitalocean;

import dev.imagebake.testing.OpenSshServer;
import java.util.concurrent.CountDownLatch;

/**
 * The local DigitalOcean endpoint and its droplets' sshd as a process, for side-by-side runs with
 * Packer 1.6.6 (whose digitalocean builder honours {@code api_url}). Prints one line, {@code
 * api_url=… token=… ssh_user=… ssh_port=…}, then serves until killed.
 *
 * <p>Arguments: {@code [port [polls]]}: the port (0: any free one) and the polls after which a
 * droplet is active and an action complete (default 1).
 */
public final class FakeDigitalOceanMain {
  private FakeDigitalOceanMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int polls = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    OpenSshServer sshd = OpenSshServer.start();
    FakeDigitalOcean api = FakeDigitalOcean.start(port);
    api.world().pollsToComplete(polls).keyAuthorizer(sshd::authorize);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  api.close();
                  sshd.close();
                }));
    System.out.println(
        "api_url="
            + api.url()
            + " token="
            + api.token()
            + " ssh_user="
            + sshd.user()
            + " ssh_port="
            + sshd.port());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
