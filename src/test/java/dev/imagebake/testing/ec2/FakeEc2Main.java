package dev.imagebake.testing.ec2;

import dev.imagebake.testing.Lines;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The fake EC2 as a process, for bench/cloud.sh: {@code FakeEc2Main AUTHORIZED_KEYS POLLS REPORT
 * COPIES} serves on a free loopback port and prints {@code ENDPOINT http://127.0.0.1:PORT}. The
 * public keys of the key pairs it makes are appended to AUTHORIZED_KEYS (the throwaway sshd's), so
 * its instances answer SSH there; images and instances change state after POLLS describes. For each
 * AMI name copied to COPIES regions, once every copy is available, it appends {@code copy-phase
 * NAME SECONDS} to REPORT: from the first copy made to the last one available, as the endpoint saw
 * it. Runs until killed.
 */
public final class FakeEc2Main {
  private FakeEc2Main() {}

  public static void main(String[] args) throws InterruptedException {
    // Responses without Nagle's algorithm, as real endpoints answer (see pom.xml).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path keys = Path.of(args[0]);
    int polls = Integer.parseInt(args[1]);
    Path report = Path.of(args[2]);
    int copies = Integer.parseInt(args[3]);
    FakeEc2 fake = FakeEc2.start();
    fake.world().transitionPolls(polls);
    fake.world().keyAuthorizer(line -> Lines.append(keys, line));
    Set<String> reported = new HashSet<>();
    fake.onAction("*", r -> reportCopies(fake.world(), copies, reported, report));
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
    System.out.println("ENDPOINT " + fake.endpoint());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static synchronized void reportCopies(
      Ec2World world, int copies, Set<String> reported, Path report) {
    Map<String, List<Resources.Image>> byName =
        world.inspect(
            w ->
                w.images.values().stream()
                    .filter(i -> i.source != null && i.source.startsWith("ami-"))
                    .collect(Collectors.groupingBy(i -> i.name)));
    byName.forEach(
        (name, list) -> {
          if (list.size() == copies
              && list.stream().allMatch(i -> i.availableNanos != 0)
              && reported.add(name)) {
            long first = list.stream().mapToLong(i -> i.madeNanos).min().orElseThrow();
            long last = list.stream().mapToLong(i -> i.availableNanos).max().orElseThrow();
            Lines.append(
                report,
                String.format(Locale.ROOT, "copy-phase %s %.3f", name, (last - first) / 1e9));
          }
        });
  }
}
