package dev.imagebake.engine;

import dev.imagebake.sdk.Resource;
import dev.imagebake.ui.Event;
import dev.imagebake.ui.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the builds of one run left behind (resources still recorded when a build ended), printed as
 * each build ends and written to {@code imagebake-leftovers-<time>-<run>.json} in the working
 * directory, so that nothing made is lost track of. Thread-safe.
 */
final class Leftovers {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** One resource left by one build. */
  record Entry(String build, String type, Resource resource) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Takes (and prints) what {@code ctx}'s build still has recorded. */
  void add(EngineBuildContext ctx) {
    List<Resource> left = ctx.resources().remaining();
    for (Resource r : left) {
      ctx.ui()
          .error(
              "Left behind: "
                  + r.describe()
                  + (r.delete().isEmpty() ? "" : "; delete it by hand: " + r.delete()));
    }
    synchronized (this) {
      left.forEach(r -> entries.add(new Entry(ctx.buildName(), ctx.builderType(), r)));
    }
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /**
   * Writes the list as JSON into the working directory (the temporary directory if that fails);
   * secrets are masked.
   *
   * @return the file's path as shown to the user, or null when it could not be written (the list is
   *     on the console already)
   */
  String write(BuildOptions options, Instant now, Output output) {
    String json = output.secrets().mask(json(options.runUuid(), now, entries()));
    String name =
        "imagebake-leftovers-" + STAMP.format(now) + "-" + shortId(options.runUuid()) + ".json";
    List<Path> places = new ArrayList<>();
    places.add(options.workingDirectory().resolve(name));
    places.add(Path.of(System.getProperty("java.io.tmpdir")).resolve(name));
    for (Path place : places) {
      try {
        Files.writeString(place, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        Path wd = options.workingDirectory().toAbsolutePath();
        Path abs = place.toAbsolutePath();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
      } catch (FileAlreadyExistsException e) {
        continue; // same second, same run: never overwrite a list
      } catch (IOException | RuntimeException e) {
        output.emit(
            new Event.Line(
                now,
                Event.LineKind.ERROR,
                null,
                null,
                "Could not write the list of leftovers to " + place + ": " + e.getMessage()));
      }
    }
    return null;
  }

  private static String shortId(String runUuid) {
    String id = runUuid == null ? "" : runUuid.replace("-", "");
    return id.length() > 8 ? id.substring(0, 8) : id;
  }

  static String json(String runUuid, Instant now, List<Entry> entries) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("run", runUuid).put("written", now.toString());
    ArrayNode list = root.putArray("resources");
    for (Entry e : entries) {
      Resource r = e.resource();
      list.addObject()
          .put("build", e.build())
          .put("builder_type", e.type())
          .put("kind", r.kind())
          .put("id", r.id())
          .put("where", r.where())
          .put("delete", r.delete());
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
