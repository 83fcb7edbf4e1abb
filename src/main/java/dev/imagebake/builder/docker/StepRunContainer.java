package dev.imagebake.builder.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.StepFailedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packer's {@code StepRunContainer}: creates and starts the container as {@code docker run} would
 * with the builder's devices, capabilities, privileges, tmpfs mounts, volumes (and the temporary
 * directory at {@code container_dir}) followed by {@code run_command}. The container id is in the
 * state as soon as the container exists; cleanup kills and removes it, whatever happened after.
 */
final class StepRunContainer implements Step {
  private final DockerBuilderConfig config;

  StepRunContainer(DockerBuilderConfig config) {
    this.config = config;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    DockerEngine engine = state.require(DockerState.ENGINE);
    Path tempDir = state.require(DockerState.TEMP_DIR);
    List<String> rendered = new ArrayList<>();
    for (String arg : config.runCommandOrDefault()) {
      rendered.add(ctx.renderer().render(arg, Map.of(), Map.of("Image", config.image())));
    }
    RunArgs args;
    try {
      args = RunArgs.parse(rendered);
    } catch (IllegalArgumentException e) {
      throw new StepFailedException(name(), "Error running container: " + e.getMessage(), e);
    }
    ctx.ui().say("Starting docker container...");
    ctx.ui()
        .message(
            "Run command: docker run "
                + String.join(" ", preamble(tempDir))
                + " "
                + String.join(" ", rendered));
    String id;
    try {
      id = create(engine, args, tempDir).exec().getId();
    } catch (RuntimeException e) {
      String why = e instanceof NotFoundException ? "image " + args.image() + " not found: " : "";
      throw new StepFailedException(
          name(), "Error running container: " + why + EngineErrors.describe(e), e);
    }
    state.put(DockerState.CONTAINER_ID, id);
    try {
      engine.api().startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      throw new StepFailedException(
          name(), "Error running container: " + EngineErrors.describe(e), e);
    }
    ctx.ui().message("Container ID: " + id);
  }

  /** The flags the builder's own keys add before run_command, as Packer shows them. */
  private List<String> preamble(Path tempDir) {
    List<String> flags = new ArrayList<>();
    list(config.device()).forEach(d -> flags.addAll(List.of("--device", d)));
    list(config.capAdd()).forEach(c -> flags.addAll(List.of("--cap-add", c)));
    list(config.capDrop()).forEach(c -> flags.addAll(List.of("--cap-drop", c)));
    if (Boolean.TRUE.equals(config.privileged())) {
      flags.add("--privileged");
    }
    list(config.tmpfs()).forEach(t -> flags.addAll(List.of("--tmpfs", t)));
    volumes(tempDir).forEach((host, guest) -> flags.addAll(List.of("-v", host + ":" + guest)));
    return flags;
  }

  private Map<String, String> volumes(Path tempDir) {
    Map<String, String> volumes = new LinkedHashMap<>();
    if (config.volumes() != null) {
      volumes.putAll(config.volumes());
    }
    volumes.put(tempDir.toString(), config.containerDirOrDefault());
    return volumes;
  }

  private CreateContainerCmd create(DockerEngine engine, RunArgs args, Path tempDir) {
    List<Bind> binds = new ArrayList<>();
    volumes(tempDir).forEach((host, guest) -> binds.add(Bind.parse(host + ":" + guest)));
    args.all("volume").forEach(v -> binds.add(Bind.parse(v)));
    List<String> capAdd = new ArrayList<>(list(config.capAdd()));
    capAdd.addAll(args.all("cap-add"));
    List<String> capDrop = new ArrayList<>(list(config.capDrop()));
    capDrop.addAll(args.all("cap-drop"));
    List<String> devices = new ArrayList<>(list(config.device()));
    devices.addAll(args.all("device"));
    Map<String, String> tmpfs = new LinkedHashMap<>();
    for (String t : concat(list(config.tmpfs()), args.all("tmpfs"))) {
      int colon = t.indexOf(':');
      tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
    }
    HostConfig host =
        HostConfig.newHostConfig()
            .withBinds(binds)
            .withPrivileged(Boolean.TRUE.equals(config.privileged()) || args.has("privileged"))
            .withCapAdd(capabilities(capAdd).toArray(Capability[]::new))
            .withCapDrop(capabilities(capDrop).toArray(Capability[]::new))
            .withDevices(devices.stream().map(Device::parse).toList())
            .withTmpFs(tmpfs.isEmpty() ? null : tmpfs)
            .withAutoRemove(args.has("rm") ? true : null)
            .withInit(args.has("init") ? true : null)
            .withReadonlyRootfs(args.has("read-only") ? true : null);
    if (args.last("network") != null) {
      host.withNetworkMode(args.last("network"));
    }
    if (!args.all("add-host").isEmpty()) {
      host.withExtraHosts(args.all("add-host").toArray(String[]::new));
    }
    if (!args.all("dns").isEmpty()) {
      host.withDns(args.all("dns"));
    }
    if (!args.all("security-opt").isEmpty()) {
      host.withSecurityOpts(args.all("security-opt"));
    }
    if (args.last("memory") != null) {
      host.withMemory(Sizes.bytes(args.last("memory")));
    }
    if (args.last("shm-size") != null) {
      host.withShmSize(Sizes.bytes(args.last("shm-size")));
    }
    if (args.last("runtime") != null) {
      host.withRuntime(args.last("runtime"));
    }
    if (args.last("pid") != null) {
      host.withPidMode(args.last("pid"));
    }
    if (args.last("ipc") != null) {
      host.withIpcMode(args.last("ipc"));
    }
    CreateContainerCmd create =
        engine
            .api()
            .createContainerCmd(args.image())
            .withHostConfig(host)
            .withStdinOpen(args.interactive())
            .withTty(args.tty())
            .withAttachStdin(false)
            .withAttachStdout(false)
            .withAttachStderr(false);
    if (args.entrypoint() != null) {
      create.withEntrypoint(args.entrypoint().isEmpty() ? List.of("") : List.of(args.entrypoint()));
    }
    if (!args.command().isEmpty()) {
      create.withCmd(args.command());
    }
    if (args.last("name") != null) {
      create.withName(args.last("name"));
    }
    if (args.last("user") != null) {
      create.withUser(args.last("user"));
    }
    if (args.last("workdir") != null) {
      create.withWorkingDir(args.last("workdir"));
    }
    if (args.last("hostname") != null) {
      create.withHostName(args.last("hostname"));
    }
    if (args.last("platform") != null) {
      create.withPlatform(args.last("platform"));
    }
    if (!args.all("env").isEmpty()) {
      create.withEnv(args.all("env"));
    }
    if (!args.all("label").isEmpty()) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (String l : args.all("label")) {
        int eq = l.indexOf('=');
        labels.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? "" : l.substring(eq + 1));
      }
      create.withLabels(labels);
    }
    return create;
  }

  private static List<Capability> capabilities(List<String> names) {
    List<Capability> caps = new ArrayList<>();
    for (String n : names) {
      String name = n.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", "");
      try {
        caps.add(Capability.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown Linux capability " + n, e);
      }
    }
    return caps;
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public void cleanup(BuildContext ctx, StateBag state) {
    String id = state.find(DockerState.CONTAINER_ID).orElse(null);
    if (id == null) {
      return;
    }
    DockerEngine engine = state.require(DockerState.ENGINE);
    ctx.ui().say("Killing the container: " + id);
    try {
      engine.api().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      state.remove(DockerState.CONTAINER_ID);
    } catch (NotFoundException gone) {
      state.remove(DockerState.CONTAINER_ID);
    } catch (RuntimeException e) {
      ctx.ui()
          .error(
              "Could not remove container "
                  + id
                  + ": "
                  + EngineErrors.describe(e)
                  + "; remove it with: docker rm -f "
                  + id);
    }
  }

  /** Packer's name for this step (step timings, -on-error prompts). */
  @Override
  public String name() {
    return "StepRun";
  }
}
