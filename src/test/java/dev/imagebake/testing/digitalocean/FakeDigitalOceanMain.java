package dev.imagebake.testing.digitalocean;

import dev.imagebake.testing.Lines;
import dev.imagebake.testing.OpenSshServer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local DigitalOcean endpoint as a process, for side-by-side runs with Packer 1.6.6 (whose
 * digitalocean builder honours {@code api_url}). Serves until killed.
 *
 * <p>Arguments: {@code [port [polls [AUTHORIZED_KEYS]]]}: the port (0: any free one), the polls
 * after which a droplet is active and an action complete (default 1), and the authorized_keys file
 * of an sshd the droplets answer SSH on (bench/cloud.sh's throwaway one): the public key of every
 * droplet is appended there, and the one line printed is {@code ENDPOINT url token}. Without it,
 * the process starts its own sshd and prints {@code api_url=… token=… ssh_user=… ssh_port=…}.
 */
public final class FakeDigitalOceanMain {
  private FakeDigitalOceanMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Responses without Nagle's algorithm, as real endpoints answer (see pom.xml).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    int polls = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    FakeDigitalOcean api = FakeDigitalOcean.start(port);
    api.world().pollsToComplete(polls);
    if (args.length > 2) {
      Path keys = Path.of(args[2]);
      api.world().keyAuthorizer(line -> Lines.append(keys, line));
      Runtime.getRuntime().addShutdownHook(new Thread(api::close));
      System.out.println("ENDPOINT " + api.url() + " " + api.token());
    } else {
      OpenSshServer sshd = OpenSshServer.start();
      api.world().keyAuthorizer(sshd::authorize);
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
    }
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
