package dev.imagebake.cli;

import dev.imagebake.registry.Bucket;
import dev.imagebake.registry.Channel;
import dev.imagebake.registry.ChannelMove;
import dev.imagebake.registry.Recorded;
import dev.imagebake.registry.Registry;
import dev.imagebake.registry.RegistryException;
import dev.imagebake.registry.RegistryJson;
import dev.imagebake.registry.RegistryLocation;
import dev.imagebake.registry.RegistryServer;
import dev.imagebake.registry.Version;
import dev.imagebake.registry.Who;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code imagebake registry ...}: reads the image registry and moves its channels
 * (docs/registry.md). The database is the one IMAGEBAKE_REGISTRY names, else the default SQLite
 * file.
 */
@Command(
    name = "registry",
    description = {
      "Versioned images: buckets, versions, channels, rollback and revocation.",
      "The registry is IMAGEBAKE_REGISTRY (postgresql://... or a file), else",
      "$XDG_DATA_HOME/imagebake/registry.db."
    })
final class RegistryCommand implements Runnable {
  /**
   * The subcommands, in the order help lists them. Added by {@link #addSubcommands} rather than
   * declared in {@code @Command}, so that a run builds the picocli model of its own subcommand
   * only: building all of them was most of {@code registry get}'s start-up.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> all = new java.util.LinkedHashMap<>();
    all.put("buckets", Buckets.class);
    all.put("versions", Versions.class);
    all.put("show", Show.class);
    all.put("get", Get.class);
    all.put("channel", ChannelCommand.class);
    all.put("rollback", Rollback.class);
    all.put("revoke", Revoke.class);
    all.put("serve", Serve.class);
    return java.util.Collections.unmodifiableMap(all);
  }

  /**
   * Adds the subcommand {@code invoked} to {@code registry}, or every subcommand when {@code
   * invoked} names none (help, completion, a typo that needs suggestions).
   */
  static void addSubcommands(
      picocli.CommandLine registry, picocli.CommandLine.IFactory factory, String invoked) {
    boolean one = invoked != null && SUBCOMMANDS.containsKey(invoked);
    for (Map.Entry<String, Class<?>> c : SUBCOMMANDS.entrySet()) {
      if (!one || c.getKey().equals(invoked)) {
        try {
          picocli.CommandLine sub = new picocli.CommandLine(factory.create(c.getValue()), factory);
          sub.getCommandSpec().addOption(CommandLines.helpOption());
          for (picocli.CommandLine nested : sub.getSubcommands().values()) {
            nested.getCommandSpec().addOption(CommandLines.helpOption());
          }
          registry.addSubcommand(c.getKey(), sub);
        } catch (Exception e) {
          throw new IllegalStateException("cannot create registry " + c.getKey(), e);
        }
      }
    }
  }

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        new picocli.CommandLine(this), "missing registry command");
  }

  static RegistryException usageError(String message) {
    return RegistryException.usage(message);
  }

  /** The shared part of every registry subcommand: the registry, the format, the errors. */
  abstract static class Base implements Callable<Integer> {
    final Cli cli;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    String format = "text";

    Base(Cli cli) {
      this.cli = cli;
    }

    @Override
    public final Integer call() {
      if (!format.equals("text") && !format.equals("json")) {
        cli.err().println("imagebake: --format must be text or json, not '" + format + "'");
        return ExitCodes.USAGE;
      }
      try (Registry r = Registry.open(RegistryLocation.fromEnvironment(cli.env()))) {
        return run(r, cli.out());
      } catch (RegistryException e) {
        cli.err().println("imagebake: " + e.getMessage());
        return e.usage() ? ExitCodes.USAGE : ExitCodes.FAILED;
      }
    }

    abstract int run(Registry r, PrintStream out);

    boolean json() {
      return format.equals("json");
    }

    int print(Object value, String text) {
      cli.out().print(json() ? RegistryJson.of(value) + "\n" : text);
      return ExitCodes.OK;
    }

    String who() {
      return Who.userAtHost(cli.env());
    }
  }

  @Command(name = "buckets", description = "List the buckets, their versions and channels.")
  static final class Buckets extends Base {
    Buckets(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      List<Bucket> all = r.buckets();
      StringBuilder b = new StringBuilder();
      for (Bucket bucket : all) {
        b.append(bucket.name())
            .append("  ")
            .append(bucket.versions())
            .append(bucket.versions() == 1 ? " version" : " versions");
        if (bucket.latest() > 0) {
          b.append(", latest v").append(bucket.latest());
        }
        for (Channel c : bucket.channels()) {
          b.append("  ").append(c.name()).append("=v").append(c.version());
          if (c.revoked()) {
            b.append(" (REVOKED)");
          }
        }
        b.append('\n');
      }
      return print(all, b.toString());
    }
  }

  @Command(name = "versions", description = "List the versions of a bucket, oldest first.")
  static final class Versions extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    Versions(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      List<Version> all = r.versions(bucket);
      StringBuilder b = new StringBuilder();
      for (Version v : all) {
        b.append(summary(v)).append('\n');
      }
      return print(all, b.toString());
    }
  }

  @Command(name = "show", description = "Show a version: builds, artifacts, parents, labels.")
  static final class Show extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "VERSION", description = "3 or v3")
    String version;

    Show(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      Version v = r.show(bucket, number(version));
      StringBuilder b = new StringBuilder(summary(v)).append('\n');
      b.append("  fingerprint: ").append(v.fingerprint().contentHash());
      if (v.fingerprint().gitCommit() != null) {
        b.append(" (git ").append(v.fingerprint().gitCommit()).append(')');
      }
      b.append('\n');
      b.append("  template: ").append(v.template()).append('\n');
      b.append("  by ").append(v.who()).append(" on ").append(v.host());
      b.append(", imagebake ").append(v.imagebakeVersion()).append('\n');
      b.append("  ").append(v.started()).append(" .. ").append(v.ended()).append('\n');
      if (!v.labels().isEmpty()) {
        b.append("  labels:");
        new java.util.TreeMap<>(v.labels())
            .forEach((k, val) -> b.append(' ').append(k).append('=').append(val));
        b.append('\n');
      }
      if (v.revoked() != null) {
        b.append("  revoked ")
            .append(v.revoked().at())
            .append(" by ")
            .append(v.revoked().by())
            .append(": ")
            .append(v.revoked().reason())
            .append('\n');
      }
      for (Recorded.Build build : v.builds()) {
        b.append("  build ")
            .append(build.name())
            .append(" (")
            .append(build.type())
            .append("): ")
            .append(build.status());
        if (build.error() != null) {
          b.append(": ").append(build.error().lines().findFirst().orElse(""));
        }
        b.append('\n');
        for (Recorded.Parent p : build.parents()) {
          b.append("    from ").append(p.kind()).append(' ').append(p.ref());
          if (p.checksum() != null) {
            b.append(" (").append(p.checksum()).append(')');
          }
          b.append('\n');
        }
        for (Recorded.Artifact a : build.artifacts()) {
          b.append("    artifact ").append(a.id());
          if (a.region() != null) {
            b.append(" in ").append(a.region());
          }
          b.append(" [").append(a.builderId()).append("]\n");
          for (Recorded.FileDigest f : a.files()) {
            b.append("      ")
                .append(f.path())
                .append("  ")
                .append(f.size() < 0 ? "missing" : f.size() + " bytes  sha256:" + f.sha256())
                .append('\n');
          }
        }
      }
      return print(v, b.toString());
    }
  }

  @Command(
      name = "get",
      description = {
        "Print the artifact id a channel points at, alone (for scripts and Terraform).",
        "Fails when the channel's version is revoked or several artifacts match."
      })
  static final class Get extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "CHANNEL")
    String channel;

    @Option(
        names = "--builder",
        paramLabel = "NAME|TYPE",
        description = "Only artifacts of this build name, builder type or builder id.")
    String builder;

    @Option(names = "--region", paramLabel = "REGION", description = "Only artifacts here.")
    String region;

    Get(Cli cli) {
      super(cli);
    }

    /** What {@code --format json} prints. */
    record Found(
        String bucket, String channel, int version, String build, Recorded.Artifact artifact) {}

    @Override
    int run(Registry r, PrintStream out) {
      Version v = r.resolve(bucket, channel);
      List<Found> found = new ArrayList<>();
      for (Recorded.Build b : v.builds()) {
        for (Recorded.Artifact a : b.artifacts()) {
          boolean builderOk =
              builder == null
                  || builder.equals(b.name())
                  || builder.equals(b.type())
                  || builder.equals(a.builderId());
          if (builderOk && (region == null || region.equals(a.region()))) {
            found.add(new Found(bucket, channel, v.number(), b.name(), a));
          }
        }
      }
      if (found.isEmpty()) {
        throw RegistryException.failed(
            v.ref()
                + " (channel '"
                + channel
                + "') has no artifact"
                + (builder == null ? "" : " of builder '" + builder + "'")
                + (region == null ? "" : " in region '" + region + "'"));
      }
      if (found.size() > 1) {
        List<String> names = new ArrayList<>();
        for (Found f : found) {
          names.add(
              f.build()
                  + ": "
                  + f.artifact().id()
                  + (f.artifact().region() == null ? "" : " in " + f.artifact().region()));
        }
        throw RegistryException.failed(
            v.ref()
                + " has "
                + found.size()
                + " matching artifacts ("
                + String.join("; ", names)
                + "); choose one with --builder or --region");
      }
      return print(found.get(0), found.get(0).artifact().id() + "\n");
    }
  }

  @Command(
      name = "channel",
      description = "Point a channel at a version, or show its history.",
      subcommands = {ChannelSet.class, ChannelHistory.class})
  static final class ChannelCommand implements Runnable {
    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "missing channel command (set or history)");
    }
  }

  @Command(name = "set", description = "Point CHANNEL of BUCKET at VERSION (recorded).")
  static final class ChannelSet extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "CHANNEL")
    String channel;

    @Parameters(index = "2", paramLabel = "VERSION", description = "3 or v3")
    String version;

    ChannelSet(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      int n = number(version);
      Optional<ChannelMove> m = r.setChannel(bucket, channel, n, who());
      if (m.isEmpty()) {
        cli.err()
            .println(
                "imagebake: channel '" + channel + "' of " + bucket + " already points at v" + n);
        return print(
            r.channels(bucket).stream()
                .filter(c -> c.name().equals(channel))
                .findFirst()
                .orElseThrow(),
            "");
      }
      return print(m.get(), moveLine(m.get()));
    }
  }

  @Command(name = "history", description = "A channel's moves, oldest first (append-only).")
  static final class ChannelHistory extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "CHANNEL")
    String channel;

    ChannelHistory(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      List<ChannelMove> moves = r.history(bucket, channel);
      StringBuilder b = new StringBuilder();
      for (ChannelMove m : moves) {
        b.append(m.at())
            .append("  ")
            .append(m.who())
            .append("  ")
            .append(m.action())
            .append("  ")
            .append(m.from() == null ? "-" : "v" + m.from())
            .append(" -> v")
            .append(m.to())
            .append('\n');
      }
      return print(moves, b.toString());
    }
  }

  @Command(
      name = "rollback",
      description = "Move CHANNEL back to the version it held before (recorded like any move).")
  static final class Rollback extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "CHANNEL")
    String channel;

    Rollback(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      ChannelMove m = r.rollback(bucket, channel, who());
      return print(m, moveLine(m));
    }
  }

  @Command(
      name = "revoke",
      description = {
        "Revoke a version: it cannot be assigned any more, reading a channel that points at",
        "it fails, and versions built on it are flagged."
      })
  static final class Revoke extends Base {
    @Parameters(index = "0", paramLabel = "BUCKET")
    String bucket;

    @Parameters(index = "1", paramLabel = "VERSION", description = "3 or v3")
    String version;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    Revoke(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      Version v = r.revoke(bucket, number(version), reason, who());
      String text = v.ref() + " revoked: " + reason + "\n";
      if (!v.channels().isEmpty()) {
        text +=
            "channels still pointing at it (reading them now fails): "
                + String.join(", ", v.channels())
                + "\n";
      }
      return print(v, text);
    }
  }

  @Command(
      name = "serve",
      description = "Serve a read-only JSON API and a web page of the registry until stopped.")
  static final class Serve extends Base {
    @Option(
        names = "--listen",
        paramLabel = "HOST:PORT",
        description = "Where to listen (default 127.0.0.1:8080; port 0 picks a free one).")
    String listen = "127.0.0.1:8080";

    Serve(Cli cli) {
      super(cli);
    }

    @Override
    int run(Registry r, PrintStream out) {
      try (RegistryServer server = RegistryServer.start(r, listen)) {
        out.println("Serving the registry " + r.location().describe() + " on " + server.url());
        out.flush();
        server.awaitStop();
      }
      return ExitCodes.OK;
    }
  }

  static String moveLine(ChannelMove m) {
    return "channel '"
        + m.channel()
        + "' of "
        + m.bucket()
        + ": "
        + (m.from() == null ? "(new)" : "v" + m.from())
        + " -> v"
        + m.to()
        + (m.action().equals("rollback") ? " (rollback)" : "")
        + "\n";
  }

  static String summary(Version v) {
    StringBuilder b =
        new StringBuilder(v.ref()).append("  ").append(v.status()).append("  ").append(v.started());
    b.append("  ").append(v.who()).append('@').append(v.host());
    String hash = v.fingerprint().contentHash();
    b.append("  ").append(hash, 0, Math.min(hash.length(), 19));
    if (!v.channels().isEmpty()) {
      b.append("  channels: ").append(String.join(", ", v.channels()));
    }
    if (v.revoked() != null) {
      b.append("  REVOKED: ").append(v.revoked().reason());
    }
    if (!v.revokedParents().isEmpty()) {
      b.append("  BUILT ON REVOKED ").append(String.join(", ", v.revokedParents()));
    }
    return b.toString();
  }

  static int number(String version) {
    String s = version.startsWith("v") ? version.substring(1) : version;
    try {
      int n = Integer.parseInt(s);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw RegistryException.usage("not a version number: '" + version + "' (expected 3 or v3)");
  }
}
