package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.BaseImage;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.ec2.FakeEc2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example templates in {@code templates/}, validated and built through the packaged launcher as
 * a user runs them; the SSH one against a real OpenSSH server on a loopback port.
 */
class TemplatesIT {
  private static final Path TEMPLATES = Launcher.HOME.resolve("templates");
  private static OpenSshServer sshd;

  @TempDir Path work;

  @BeforeAll
  static void startSshd() {
    sshd = OpenSshServer.start();
  }

  @AfterAll
  static void stopSshd() {
    sshd.close();
  }

  /** The variables that point the SSH templates at the test sshd. */
  private static String[] sshdVars() {
    return new String[] {
      "-var", "host=" + sshd.host(),
      "-var", "port=" + sshd.port(),
      "-var", "user=" + sshd.user(),
      "-var", "private_key_file=" + sshd.clientKey()
    };
  }

  @Test
  void everyExampleTemplateIsValid() throws Exception {
    List<String> templates;
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      templates =
          files.filter(f -> f.toString().endsWith(".json")).map(Path::toString).sorted().toList();
    }
    String[] args =
        concat(
            new String[] {"validate", "-var", "base_dir=" + BaseImage.get().dir()},
            sshdVars(),
            templates.toArray(String[]::new));
    // digitalocean.json takes its token and openstack.json its Keystone URL from the environment,
    // as users of Packer set them (validate needs both, offline).
    Launcher.Result r =
        Launcher.run(
            work,
            Map.of(
                "DIGITALOCEAN_API_TOKEN", "not-a-token", "OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
            args);
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stderr())
        .contains(templates.size() + " templates: " + templates.size() + " valid, 0 invalid");
  }

  @Test
  void localOnlyRunsLocalScriptsAndPostProcessors() throws Exception {
    Launcher.Result r =
        Launcher.run(work, "build", TEMPLATES.resolve("local-only.json").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .containsPattern("    null: building 1\\.0\\.\\d+ as null")
        .contains("    null (shell-local): post-processing null")
        .contains("--> null: Did not export anything. This is the null builder");
  }

  @Test
  void fileArtifactIsChecksummedAndRecorded() throws Exception {
    Launcher.Result r =
        Launcher.run(work, "build", TEMPLATES.resolve("file-artifact.json").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    Path notes = work.resolve("out/release-notes.txt");
    assertThat(notes).content().startsWith("Release notes for file, built at ");
    String sha = Files.readString(work.resolve("out/file.sha256"));
    assertThat(sha).endsWith("\trelease-notes.txt\n").hasSize(64 + 1 + 17 + 1);
    assertThat(work.resolve("out/manifest.json"))
        .content()
        .contains("\"builder_type\": \"file\"")
        .contains("\"name\": \"release-notes.txt\"");
  }

  @Test
  void compressWritesArchivesTheSystemToolsOpenAndKeepsTheInputOnlyWhenAsked() throws Exception {
    String template = TEMPLATES.resolve("compress.json").toString();
    Launcher.Result r = Launcher.run(work, "build", template);
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> file (compress): Tarring out/file.tar.zst with zstd")
        .contains("--> file: compressed artifacts in: out/file.tar.zst")
        .contains("--> file: Created artifact from files: out/file-file.img.gz, out/file.sha256");
    Path disk = work.resolve("out/disk.img");
    String image = Files.readString(disk);
    assertThat(image).startsWith("A disk image of file, built at ");
    assertThat(exec("tar", "--zstd", "-xOf", "out/file.tar.zst", "disk.img")).isEqualTo(image);
    assertThat(exec("gzip", "-dc", "out/file-file.img.gz")).isEqualTo(image);
    assertThat(exec("sh", "-c", "cd out && sha256sum -c file.sha256"))
        .contains("file-file.img.gz: OK");

    // Without a chain that keeps it, compress (keep_input_artifact unset) removes its input.
    Path gzOnly =
        Files.writeString(
            work.resolve("gz-only.json"),
            """
            {"builders": [{"type": "file", "target": "out/disk.img", "content": "an image"}],
             "post-processors": [{"type": "compress", "output": "out/{{.BuildName}}.gz"}]}
            """);
    r = Launcher.run(work, "build", gzOnly.toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(disk).doesNotExist();
    assertThat(exec("gzip", "-dc", "out/file.gz")).isEqualTo("an image");
  }

  /** Runs a system tool in the work directory; returns its stdout, failing on a non-zero exit. */
  private String exec(String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(work.toFile()).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }

  @Test
  void existingHostProvisionsOverSshAndMasksTheSecret() throws Exception {
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"build"},
                sshdVars(),
                new String[] {TEMPLATES.resolve("existing-host.json").toString()}));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("hello from imagebake from existing-host (null)")
        .contains("token=<sensitive>")
        .contains("This machine was provisioned by imagebake.");
    assertThat(r.all()).doesNotContain("s3cr3t-token");
    // The target is this machine, so what was provisioned can be looked at directly.
    assertThat(Path.of("/tmp/imagebake-quickstart/motd"))
        .content()
        .isEqualTo(Files.readString(TEMPLATES.resolve("files/motd")));
    assertThat(work.resolve("quickstart-manifest.json"))
        .content()
        .contains("\"name\": \"existing-host\"")
        .contains("\"greeting\": \"hello from imagebake\"")
        .doesNotContain("s3cr3t-token");
  }

  @Test
  void machineReadableOutputNamesTheBuildAndMasksTheSecret() throws Exception {
    Path events = work.resolve("events.jsonl");
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"-machine-readable", "build", "--events=" + events},
                sshdVars(),
                new String[] {TEMPLATES.resolve("existing-host.json").toString()}));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .containsPattern("\\d+,existing-host,ui,message,    existing-host: token=<sensitive>")
        .containsPattern("\\d+,existing-host,artifact-count,2");
    assertThat(r.all()).doesNotContain("s3cr3t-token");
    assertThat(events).content().contains("token=<sensitive>").doesNotContain("s3cr3t-token");
  }

  @Test
  void saltMasterlessAppliesStatesAndPillarAndMasksTheSecret() throws Exception {
    // Salt cannot be installed here: the stand-in salt-call of the tests plays it, and every
    // remote directory is a temporary one (never /srv).
    Path bin = Files.createDirectories(work.resolve("salt bin"));
    Files.copy(
        Launcher.HOME.resolve("src/test/resources/salt/salt-call"), bin.resolve("salt-call"));
    Files.setPosixFilePermissions(
        bin.resolve("salt-call"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path example = Path.of("/tmp/imagebake-salt-example");
    Files.createDirectories(example);
    // An old value: Salt shows the change as a diff, which holds the new (secret) value.
    Files.writeString(example.resolve("db-password"), "old-password\n");
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"build"},
                sshdVars(),
                new String[] {
                  "-var",
                  "skip_bootstrap=true",
                  "-var",
                  "salt_bin_dir=" + bin,
                  "-var",
                  "remote_state_tree=" + work.resolve("srv/salt"),
                  "-var",
                  "remote_pillar_roots=" + work.resolve("srv/pillar"),
                  "-var",
                  "temp_config_dir=" + work.resolve("tmp/salt"),
                  TEMPLATES.resolve("salt-masterless.json").toString()
                }));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> salted-host: Provisioning with Salt...")
        .contains("pillar='{\"db_password\": \"<sensitive>\"}'")
        .contains("    salted-host: Succeeded: 3")
        .contains("    salted-host: Failed:    0")
        .contains("-old-password")
        .contains("+<sensitive>")
        .contains("This machine was provisioned by Salt, through imagebake.")
        .contains("hello from the Salt pillar");
    assertThat(r.all()).doesNotContain("db-pa55word");
    assertThat(example.resolve("db-password")).hasContent("db-pa55word");
    assertThat(Files.getPosixFilePermissions(example.resolve("db-password")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(work.resolve("srv/salt/motd/motd.txt"))
        .hasSameTextualContentAs(TEMPLATES.resolve("files/salt/states/motd/motd.txt"));
  }

  @Test
  void ansibleLocalRunsARoleWithGroupVarsAndMasksTheSecret() throws Exception {
    Path output = work.resolve("ansible-out");
    Launcher.Result r = buildAnsibleLocal(output);
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> web: Provisioning with Ansible...")
        .contains("TASK [motd : render the message of the day]")
        .contains("app.conf uses the password <sensitive>")
        .contains("db_password=<sensitive>'")
        .doesNotContain("IdentitiesOnly");
    assertThat(r.all()).doesNotContain("hunter2");
    // The target is this machine: what the role rendered is there.
    assertThat(output.resolve("motd"))
        .content()
        .isEqualTo("Welcome to the web tier. Built by web (null) with Ansible.\n");
    assertThat(output.resolve("app.conf"))
        .content()
        .isEqualTo("port = 8080\npassword = hunter2-not-for-logs\n");
  }

  @Test
  void remoteAnsibleRunsTheRoleThroughTheProxyAndMasksTheSecret() throws Exception {
    Path output = work.resolve("ansible-remote-out");
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"build"},
                sshdVars(),
                new String[] {
                  "-var", "output_dir=" + output, TEMPLATES.resolve("ansible.json").toString()
                }));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> web: Provisioning with Ansible...")
        .contains("web: Setting up proxy adapter for Ansible....")
        .contains("==> web: Executing Ansible: ansible-playbook -e packer_build_name=\"web\"")
        .contains("TASK [motd : render the message of the day]")
        .contains("app.conf uses the password <sensitive>");
    assertThat(r.all()).doesNotContain("hunter2");
    // The target is this machine: what the role rendered through the proxy is there.
    assertThat(output.resolve("motd"))
        .content()
        .isEqualTo("Welcome to the web tier. Built by web (null) with Ansible.\n");
    assertThat(output.resolve("app.conf"))
        .content()
        .isEqualTo("port = 8080\npassword = hunter2-not-for-logs\n");
  }

  @Test
  void aFailingAnsibleTaskFailsTheBuildWithItsName() throws Exception {
    // The output directory is a file, so the role's first task fails.
    Path notADirectory = Files.writeString(work.resolve("occupied"), "x");
    Launcher.Result r = buildAnsibleLocal(notADirectory);
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.all())
        .contains("task \"motd : create the output directory\" failed on 127.0.0.1")
        .doesNotContain("hunter2");
  }

  @Test
  void theExistingHostScriptBuildsAgainstItsOwnThrowawaySshd() throws Exception {
    Launcher.Result r =
        Launcher.exec(work, Map.of(), Launcher.HOME.resolve("bin/existing-host").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout()).contains("This machine was provisioned by imagebake.");
    assertThat(r.stderr()).contains("throwaway sshd on 127.0.0.1:");
  }

  @Test
  void awsVagrantBoxIsBuiltAgainstTheFakeEc2AndVagrantAddsIt() throws Exception {
    try (FakeEc2 ec2 = FakeEc2.start()) {
      ec2.world().keyAuthorizer(sshd::authorize);
      Launcher.Result r =
          Launcher.run(
              work,
              "build",
              "-var",
              "ec2_endpoint=" + ec2.endpoint(),
              "-var",
              "ssh_username=" + sshd.user(),
              "-var",
              "ssh_port=" + sshd.port(),
              "-var",
              "access_key=AKIDTEST",
              "-var",
              "secret_key=not-a-secret",
              "-var",
              "poll_delay=0",
              TEMPLATES.resolve("aws-vagrant-box.json").toString());
      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.stdout())
          .contains("amazon-ebs: provisioned for platform team")
          .contains("==> amazon-ebs (vagrant): Creating Vagrant box for 'aws' provider")
          .contains("--> amazon-ebs: 'aws' provider box: boxes/amazon-ebs_aws.box")
          .contains("--> amazon-ebs: AMIs were created:");
    }
    Path home = work.resolve("vagrant-home");
    Launcher.Result added =
        vagrantBoxAdd(home, "imagebake-aws", work.resolve("boxes/amazon-ebs_aws.box"));
    assertThat(added.stdout()).contains("Successfully added box 'imagebake-aws' (v0) for 'aws'!");
    Path box = home.resolve("boxes/imagebake-aws/0/aws");
    assertThat(box.resolve("BOX-README.md")).exists();
    assertThat(box.resolve("Vagrantfile"))
        .content()
        .containsPattern("aws\\.region_config \"us-east-1\", ami: \"ami-[0-9a-f]+\"")
        .containsPattern("# Made by imagebake from us-east-1:ami-[0-9a-f]+ \\(build amazon-ebs\\)");
  }

  @Test
  void puppetMasterlessAppliesAManifestWithAModuleHieraDataAndFacts() throws Exception {
    // The target is this machine: the real Puppet of Debian (puppet-agent) runs there.
    Path output = work.resolve("puppet-out");
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"build"},
                sshdVars(),
                new String[] {
                  "-var",
                  "output_dir=" + output,
                  "-var",
                  "settle=0s",
                  TEMPLATES.resolve("puppet-masterless.json").toString()
                }));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> puppet-host: Provisioning with Puppet...")
        .contains("FACTER_api_token='<sensitive>'")
        .contains("puppet apply --detailed-exitcodes")
        .contains("Welcome to the web tier. Built by puppet-host (null) with Puppet.");
    assertThat(r.all()).doesNotContain("t0ken-not-for-logs");
    assertThat(output.resolve("api-token")).hasContent("t0ken-not-for-logs");
    assertThat(Files.getPosixFilePermissions(output.resolve("api-token")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    // clean_staging_directory: Packer's default staging directory is gone.
    assertThat(Path.of("/tmp/packer-puppet-masterless")).doesNotExist();
  }

  @Test
  void chefSoloRunsARoleWithACookbookADataBagAndNodeAttributes() throws Exception {
    // No Chef is packaged for Debian: the stand-in chef-solo of the tests plays it, checking the
    // rendered solo.rb, node JSON and uploaded trees.
    Path bin = Files.createDirectories(work.resolve("chef-bin"));
    Files.copy(
        Launcher.HOME.resolve("src/test/resources/chef/chef-solo"), bin.resolve("chef-solo"));
    Files.setPosixFilePermissions(
        bin.resolve("chef-solo"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path output = work.resolve("chef-out");
    Launcher.Result r =
        Launcher.run(
            work,
            concat(
                new String[] {"build"},
                sshdVars(),
                new String[] {
                  "-var",
                  "skip_install=true",
                  "-var",
                  "chef_solo=" + bin.resolve("chef-solo"),
                  "-var",
                  "output_dir=" + output,
                  TEMPLATES.resolve("chef-solo.json").toString()
                }));
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout())
        .contains("==> chef-host: Provisioning with chef-solo")
        .contains("chef-host: Executing Chef: sudo " + bin.resolve("chef-solo"))
        .contains("Chef Infra Client finished, 3/3 resources updated")
        .contains("Welcome to the web tier. Provisioned by chef-solo, through imagebake.");
    assertThat(r.all()).doesNotContain("s3cret-not-for-logs");
    assertThat(output.resolve("db-password")).hasContent("s3cret-not-for-logs");
    assertThat(Path.of("/tmp/packer-chef-solo/node.json")).content().contains("\"role[web]\"");
  }

  /** Builds templates/ansible-local.json against the test sshd, rendering into {@code output}. */
  private Launcher.Result buildAnsibleLocal(Path output) throws Exception {
    return Launcher.run(
        work,
        concat(
            new String[] {"build"},
            sshdVars(),
            new String[] {
              "-var", "output_dir=" + output, TEMPLATES.resolve("ansible-local.json").toString()
            }));
  }

  /**
   * The README's run command: bin/quickstart boots the base image under QEMU, provisions it and
   * ends in a qcow2, its .tar.zst and a libvirt Vagrant box, which the real vagrant adds.
   */
  @Test
  @Tag("slow")
  void theReadmeQuickstartBuildsAProvisionedDiskItsTarballAndAVagrantBox() throws Exception {
    Launcher.Result r =
        Launcher.exec(work, Map.of(), Launcher.HOME.resolve("bin/quickstart").toString());
    assertThat(r.exitCode()).as(r.all()).isZero();
    Path out = work.resolve("out/quickstart");
    Path disk = out.resolve("disk/quickstart.qcow2");
    assertThat(r.stdout())
        .contains("quickstart: hello from imagebake from quickstart (qemu)")
        .contains("quickstart: token=<sensitive>")
        .contains("This machine was provisioned by imagebake.")
        .contains("==> quickstart: Gracefully halting virtual machine...")
        .contains("--> quickstart: VM files in directory: ")
        .contains("--> quickstart: compressed artifacts in: ")
        .contains("--> quickstart: 'libvirt' provider box: ");
    assertThat(r.all()).doesNotContain("s3cr3t-token");
    // The provisioning is inside the output disk, read offline.
    assertThat(BaseImage.readOffline(disk, "/etc/imagebake/provisioned"))
        .isEqualTo("built by quickstart on qemu\n");
    assertThat(BaseImage.readOffline(disk, "/etc/motd"))
        .isEqualTo(Files.readString(TEMPLATES.resolve("files/motd")));
    // The .tar.zst opens with the system tools and holds the disk.
    Launcher.Result listing =
        Launcher.exec(
            work, Map.of(), "tar", "--zstd", "-tf", out.resolve("quickstart.tar.zst").toString());
    assertThat(listing.exitCode()).as(listing.all()).isZero();
    assertThat(listing.stdout().strip()).isEqualTo("quickstart.qcow2");
    // The box is one the real vagrant accepts for libvirt.
    Path home = work.resolve("vagrant-home");
    Launcher.Result added =
        vagrantBoxAdd(home, "imagebake-quickstart", out.resolve("quickstart_libvirt.box"));
    assertThat(added.stdout())
        .contains("Successfully added box 'imagebake-quickstart' (v0) for 'libvirt'!");
    assertThat(home.resolve("boxes/imagebake-quickstart/0/libvirt/box.img")).exists();
    assertThat(out.resolve("manifest.json")).content().contains("\"builder_type\": \"qemu\"");
  }

  /** The real {@code vagrant box add}, with its own VAGRANT_HOME; asserts that it succeeded. */
  private Launcher.Result vagrantBoxAdd(Path home, String name, Path box) throws Exception {
    Launcher.Result added =
        Launcher.exec(
            work,
            Map.of("VAGRANT_HOME", home.toString(), "VAGRANT_CHECKPOINT_DISABLE", "1"),
            "vagrant",
            "box",
            "add",
            "--name",
            name,
            box.toString());
    assertThat(added.exitCode()).as(added.all()).isZero();
    return added;
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
