package dev.imagebake.testing.openstack;

import dev.imagebake.testing.Lines;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The local OpenStack as a process, for bench/cloud.sh and side-by-side runs with Packer 1.6.6
 * (whose openstack builder honours {@code identity_endpoint}): {@code FakeOpenstackMain
 * AUTHORIZED_KEYS} serves on a free loopback port and prints {@code ENDPOINT identity_endpoint}.
 * The public key of every key pair Nova generates is appended to AUTHORIZED_KEYS (a throwaway
 * sshd's), so its servers answer SSH there. Log in as {@link FakeOpenstack#USER} with {@link
 * FakeOpenstack#PASSWORD}. Runs until killed.
 */
public final class FakeOpenstackMain {
  private FakeOpenstackMain() {}

  public static void main(String[] args) throws InterruptedException {
    // Responses without Nagle's algorithm, as real endpoints answer (see pom.xml).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Path keys = Path.of(args[0]);
    FakeOpenstack fake = FakeOpenstack.start();
    fake.world().keyAuthorizer(line -> Lines.append(keys, line));
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
    System.out.println("ENDPOINT " + fake.identityEndpoint());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
