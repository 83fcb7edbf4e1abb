package dev.imagebake.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The registry's operations on one database connection. Every change is one transaction: a version
 * is recorded whole or not at all, and a channel move writes the channel and its history row
 * together while holding the bucket (SQLite: the database's write lock, taken when the transaction
 * begins; PostgreSQL: the bucket's row, {@code SELECT ... FOR UPDATE}), so concurrent moves and
 * recordings queue instead of losing rows or reusing numbers.
 *
 * <p>Not thread-safe: one instance per thread.
 */
public final class Registry implements AutoCloseable {
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Connection c;
  private final Database.Dialect dialect;
  private final RegistryLocation location;

  private Registry(Database.Opened opened, RegistryLocation location) {
    this.c = opened.connection();
    this.dialect = opened.dialect();
    this.location = location;
  }

  /**
   * Opens the registry, creating or migrating its schema when needed.
   *
   * @throws RegistryException when it is unreachable, unwritable or written by a newer imagebake
   */
  public static Registry open(RegistryLocation location) {
    return new Registry(Database.open(location), location);
  }

  public RegistryLocation location() {
    return location;
  }

  @Override
  public void close() {
    Database.closeQuietly(c);
  }

  // ---- recording ----

  /** Records a run as the next version of its bucket (created when new). */
  public Version record(NewVersion v) {
    return record(v, () -> {});
  }

  /**
   * Records a run, calling {@code midway} inside the transaction after the version's rows are
   * written and before the commit (tests kill the process there).
   */
  Version record(NewVersion v, Runnable midway) {
    checkBucketName(v.bucket());
    int number =
        write(
            () -> {
              long bucket = lockBucket(v.bucket(), true);
              int next =
                  queryInt(
                      "SELECT COALESCE(MAX(number), 0) + 1 FROM version WHERE bucket_id = ?",
                      bucket);
              long versionId =
                  insert(
                      "INSERT INTO version (bucket_id, number, status, git_commit, content_hash,"
                          + " template, who, host, imagebake_version, started_at, ended_at)"
                          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      bucket,
                      next,
                      v.status(),
                      v.fingerprint().gitCommit(),
                      v.fingerprint().contentHash(),
                      v.template(),
                      v.who(),
                      v.host(),
                      v.imagebakeVersion(),
                      time(v.started()),
                      time(v.ended()));
              for (Map.Entry<String, String> l : v.labels().entrySet()) {
                update(
                    "INSERT INTO label (version_id, key, value) VALUES (?, ?, ?)",
                    versionId,
                    l.getKey(),
                    l.getValue());
              }
              for (Recorded.Build b : v.builds()) {
                long buildId =
                    insert(
                        "INSERT INTO build (version_id, name, type, status, error)"
                            + " VALUES (?, ?, ?, ?, ?)",
                        versionId,
                        b.name(),
                        b.type(),
                        b.status(),
                        b.error());
                int position = 0;
                for (Recorded.Artifact a : b.artifacts()) {
                  long artifactId =
                      insert(
                          "INSERT INTO artifact (build_id, position, builder_id, artifact_id,"
                              + " region, description) VALUES (?, ?, ?, ?, ?, ?)",
                          buildId,
                          position++,
                          a.builderId(),
                          a.id(),
                          a.region(),
                          a.description());
                  int filePosition = 0;
                  for (Recorded.FileDigest f : a.files()) {
                    update(
                        "INSERT INTO artifact_file (artifact_id, position, path, size, sha256)"
                            + " VALUES (?, ?, ?, ?, ?)",
                        artifactId,
                        filePosition++,
                        f.path(),
                        f.size(),
                        f.sha256());
                  }
                }
                for (Recorded.Parent p : b.parents()) {
                  update(
                      "INSERT INTO parent (build_id, kind, ref, checksum) VALUES (?, ?, ?, ?)",
                      buildId,
                      p.kind(),
                      p.ref(),
                      p.checksum());
                }
              }
              midway.run();
              return next;
            });
    return show(v.bucket(), number);
  }

  /**
   * The newest successful, non-revoked version of {@code bucket} with this content hash: what
   * {@code build --skip-unchanged} reuses.
   */
  public Optional<Version> unchanged(String bucket, String contentHash) {
    Integer n =
        read(
            () ->
                queryIntOrNull(
                    "SELECT MAX(v.number) FROM version v JOIN bucket b ON b.id = v.bucket_id"
                        + " WHERE b.name = ? AND v.content_hash = ? AND v.status = 'succeeded'"
                        + " AND v.revoked_at IS NULL",
                    bucket,
                    contentHash));
    return n == null ? Optional.empty() : Optional.of(show(bucket, n));
  }

  // ---- reading ----

  /** Every bucket, by name. */
  public List<Bucket> buckets() {
    return read(
        () -> {
          Map<String, List<Channel>> channels = new TreeMap<>();
          for (Channel ch : channelsWhere("", List.of())) {
            channels.computeIfAbsent(ch.bucket(), k -> new ArrayList<>()).add(ch);
          }
          List<Bucket> all = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT b.name, COUNT(v.id), COALESCE(MAX(v.number), 0) FROM bucket b"
                      + " LEFT JOIN version v ON v.bucket_id = b.id GROUP BY b.name ORDER BY"
                      + " b.name")) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String name = rs.getString(1);
                all.add(
                    new Bucket(
                        name, rs.getInt(2), rs.getInt(3), channels.getOrDefault(name, List.of())));
              }
            }
          }
          return all;
        });
  }

  /** Every version of a bucket, oldest first, without their builds. */
  public List<Version> versions(String bucket) {
    return read(
        () -> {
          long id = bucketId(bucket);
          Map<Long, Map<String, String>> labels = new LinkedHashMap<>();
          try (ResultSet rs =
              query(
                  "SELECT l.version_id, l.key, l.value FROM label l JOIN version v ON v.id ="
                      + " l.version_id WHERE v.bucket_id = ?",
                  id)) {
            while (rs.next()) {
              labels
                  .computeIfAbsent(rs.getLong(1), k -> new TreeMap<>())
                  .put(rs.getString(2), rs.getString(3));
            }
          }
          Map<Long, List<String>> channels = new LinkedHashMap<>();
          try (ResultSet rs =
              query("SELECT version_id, name FROM channel WHERE bucket_id = ? ORDER BY name", id)) {
            while (rs.next()) {
              channels.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
          }
          Map<Long, List<String>> revokedParents = revokedParents("v.bucket_id = ?", id);
          List<Version> all = new ArrayList<>();
          try (ResultSet rs =
              query(VERSION_COLUMNS + " WHERE v.bucket_id = ? ORDER BY v.number", id)) {
            while (rs.next()) {
              long vid = rs.getLong("id");
              all.add(
                  version(
                      rs,
                      labels.getOrDefault(vid, Map.of()),
                      channels.getOrDefault(vid, List.of()),
                      revokedParents.getOrDefault(vid, List.of()),
                      List.of()));
            }
          }
          return all;
        });
  }

  /** One version with its builds, artifacts and parents. */
  public Version show(String bucket, int number) {
    return read(() -> fullVersion(bucket, number));
  }

  /** Every channel of a bucket, by name. */
  public List<Channel> channels(String bucket) {
    return read(
        () -> {
          bucketId(bucket);
          return channelsWhere(" WHERE b.name = ?", List.of(bucket));
        });
  }

  /** A channel's history, oldest first. */
  public List<ChannelMove> history(String bucket, String channel) {
    return read(
        () -> {
          long id = bucketId(bucket);
          List<ChannelMove> moves = moves(bucket, id, channel);
          if (moves.isEmpty()) {
            throw new RegistryException(
                "bucket '" + bucket + "' has no channel '" + channel + "'" + knownChannels(id));
          }
          return moves;
        });
  }

  /**
   * The version a channel points at.
   *
   * @throws RegistryException when there is no such channel or it points at a revoked version
   */
  public Version resolve(String bucket, String channel) {
    return read(
        () -> {
          long id = bucketId(bucket);
          Integer n =
              queryIntOrNull(
                  "SELECT v.number FROM channel ch JOIN version v ON v.id = ch.version_id"
                      + " WHERE ch.bucket_id = ? AND ch.name = ?",
                  id,
                  channel);
          if (n == null) {
            throw new RegistryException(
                "bucket '" + bucket + "' has no channel '" + channel + "'" + knownChannels(id));
          }
          Version v = fullVersion(bucket, n);
          if (v.revoked() != null) {
            throw new RegistryException(
                "channel '"
                    + channel
                    + "' of "
                    + bucket
                    + " points at "
                    + v.ref()
                    + ", which is revoked: "
                    + v.revoked().reason()
                    + " (set the channel to another version or roll it back)");
          }
          return v;
        });
  }

  // ---- channels and revocation ----

  /**
   * Points {@code channel} at {@code number} and appends the move to its history.
   *
   * @return the move, or empty when the channel already pointed there (nothing is written)
   */
  public Optional<ChannelMove> setChannel(String bucket, String channel, int number, String who) {
    checkChannelName(channel);
    return write(
        () -> {
          long id = lockBucket(bucket, false);
          Version target = assignable(bucket, id, number, "assigned to a channel");
          Integer current = currentNumber(id, channel);
          if (current != null && current == number) {
            return Optional.<ChannelMove>empty();
          }
          return Optional.of(move(bucket, id, channel, target, current, who, "set"));
        });
  }

  /**
   * Moves {@code channel} back to the version it held before its current one (undoing earlier
   * rollbacks first, like an undo stack), and appends the move to its history.
   */
  public ChannelMove rollback(String bucket, String channel, String who) {
    return write(
        () -> {
          long id = lockBucket(bucket, false);
          List<ChannelMove> moves = moves(bucket, id, channel);
          if (moves.isEmpty()) {
            throw new RegistryException(
                "bucket '" + bucket + "' has no channel '" + channel + "'" + knownChannels(id));
          }
          Deque<Integer> held = new ArrayDeque<>();
          for (ChannelMove m : moves) {
            if (m.action().equals("rollback")) {
              held.pop();
            } else {
              held.push(m.to());
            }
          }
          int current = held.pop();
          if (held.isEmpty()) {
            throw new RegistryException(
                "channel '"
                    + channel
                    + "' of "
                    + bucket
                    + " has held only v"
                    + current
                    + "; there is nothing to roll back to");
          }
          int previous = held.peek();
          Version target = assignable(bucket, id, previous, "rolled back to");
          return move(bucket, id, channel, target, current, who, "rollback");
        });
  }

  /**
   * Revokes a version: no channel may be set to it any more, reading a channel that points at it
   * fails, and versions built on its artifacts are flagged.
   */
  public Version revoke(String bucket, int number, String reason, String who) {
    if (reason == null || reason.isBlank()) {
      throw RegistryException.usage("revoke needs a --reason");
    }
    write(
        () -> {
          long id = lockBucket(bucket, false);
          Version v = fullVersion(bucket, number);
          if (v.revoked() != null) {
            throw new RegistryException(
                v.ref() + " is already revoked (" + v.revoked().reason() + ")");
          }
          update(
              "UPDATE version SET revoked_at = ?, revoked_by = ?, revoke_reason = ?"
                  + " WHERE bucket_id = ? AND number = ?",
              time(Instant.now()),
              who,
              reason,
              id,
              number);
          return null;
        });
    return show(bucket, number);
  }

  // ---- internals ----

  private static final String VERSION_COLUMNS =
      "SELECT v.id, b.name AS bucket, v.number, v.status, v.git_commit, v.content_hash,"
          + " v.template, v.who, v.host, v.imagebake_version, v.started_at, v.ended_at,"
          + " v.revoked_at, v.revoked_by, v.revoke_reason FROM version v JOIN bucket b ON b.id ="
          + " v.bucket_id";

  private Version fullVersion(String bucket, int number) throws SQLException {
    long id = bucketId(bucket);
    try (ResultSet rs =
        query(VERSION_COLUMNS + " WHERE v.bucket_id = ? AND v.number = ?", id, number)) {
      if (!rs.next()) {
        int latest =
            queryInt("SELECT COALESCE(MAX(number), 0) FROM version WHERE bucket_id = ?", id);
        throw new RegistryException(
            "bucket '"
                + bucket
                + "' has no version "
                + number
                + (latest == 0 ? " (it has none)" : " (latest: v" + latest + ")"));
      }
      long vid = rs.getLong("id");
      Map<String, String> labels = new TreeMap<>();
      try (ResultSet l = query("SELECT key, value FROM label WHERE version_id = ?", vid)) {
        while (l.next()) {
          labels.put(l.getString(1), l.getString(2));
        }
      }
      List<String> channels = new ArrayList<>();
      try (ResultSet l =
          query("SELECT name FROM channel WHERE version_id = ? ORDER BY name", vid)) {
        while (l.next()) {
          channels.add(l.getString(1));
        }
      }
      return version(
          rs,
          labels,
          channels,
          revokedParents("v.id = ?", vid).getOrDefault(vid, List.of()),
          builds(vid));
    }
  }

  private List<Recorded.Build> builds(long versionId) throws SQLException {
    Map<Long, List<Recorded.Artifact>> artifacts = new LinkedHashMap<>();
    Map<Long, List<Recorded.FileDigest>> files = new LinkedHashMap<>();
    try (ResultSet rs =
        query(
            "SELECT f.artifact_id, f.path, f.size, f.sha256 FROM artifact_file f"
                + " JOIN artifact a ON a.id = f.artifact_id JOIN build bd ON bd.id = a.build_id"
                + " WHERE bd.version_id = ? ORDER BY f.artifact_id, f.position",
            versionId)) {
      while (rs.next()) {
        files
            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Recorded.FileDigest(rs.getString(2), rs.getLong(3), rs.getString(4)));
      }
    }
    try (ResultSet rs =
        query(
            "SELECT a.id, a.build_id, a.builder_id, a.artifact_id, a.region, a.description"
                + " FROM artifact a JOIN build bd ON bd.id = a.build_id WHERE bd.version_id = ?"
                + " ORDER BY a.build_id, a.position",
            versionId)) {
      while (rs.next()) {
        artifacts
            .computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
            .add(
                new Recorded.Artifact(
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    files.getOrDefault(rs.getLong(1), List.of())));
      }
    }
    Map<Long, List<Recorded.Parent>> parents = new LinkedHashMap<>();
    try (ResultSet rs =
        query(
            "SELECT p.build_id, p.kind, p.ref, p.checksum FROM parent p JOIN build bd ON bd.id ="
                + " p.build_id WHERE bd.version_id = ?",
            versionId)) {
      while (rs.next()) {
        parents
            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Recorded.Parent(rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    }
    List<Recorded.Build> builds = new ArrayList<>();
    try (ResultSet rs =
        query(
            "SELECT id, name, type, status, error FROM build WHERE version_id = ? ORDER BY name",
            versionId)) {
      while (rs.next()) {
        long id = rs.getLong(1);
        builds.add(
            new Recorded.Build(
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                artifacts.getOrDefault(id, List.of()),
                parents.getOrDefault(id, List.of())));
      }
    }
    return builds;
  }

  /** For each version matching {@code where}: the revoked versions whose artifacts it built on. */
  private Map<Long, List<String>> revokedParents(String where, Object arg) throws SQLException {
    Map<Long, List<String>> found = new LinkedHashMap<>();
    try (ResultSet rs =
        query(
            "SELECT DISTINCT v.id, rb.name, rv.number FROM version v"
                + " JOIN build bd ON bd.version_id = v.id JOIN parent p ON p.build_id = bd.id"
                + " JOIN artifact a ON a.artifact_id = p.ref JOIN build ab ON ab.id = a.build_id"
                + " JOIN version rv ON rv.id = ab.version_id JOIN bucket rb ON rb.id ="
                + " rv.bucket_id WHERE "
                + where
                + " AND rv.revoked_at IS NOT NULL ORDER BY v.id, rb.name, rv.number",
            arg)) {
      while (rs.next()) {
        found
            .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(rs.getString(2) + "/v" + rs.getInt(3));
      }
    }
    return found;
  }

  private static Version version(
      ResultSet rs,
      Map<String, String> labels,
      List<String> channels,
      List<String> revokedParents,
      List<Recorded.Build> builds)
      throws SQLException {
    String revokedAt = rs.getString("revoked_at");
    return new Version(
        rs.getString("bucket"),
        rs.getInt("number"),
        rs.getString("status"),
        new Recorded.Fingerprint(rs.getString("git_commit"), rs.getString("content_hash")),
        labels,
        rs.getString("template"),
        rs.getString("who"),
        rs.getString("host"),
        rs.getString("imagebake_version"),
        rs.getString("started_at"),
        rs.getString("ended_at"),
        revokedAt == null
            ? null
            : new Version.Revocation(
                revokedAt, rs.getString("revoked_by"), rs.getString("revoke_reason")),
        channels,
        revokedParents,
        builds);
  }

  private List<Channel> channelsWhere(String where, List<Object> args) throws SQLException {
    List<Channel> all = new ArrayList<>();
    try (ResultSet rs =
        query(
            "SELECT b.name, ch.name, v.number, ch.updated_at, v.revoked_at FROM channel ch"
                + " JOIN bucket b ON b.id = ch.bucket_id JOIN version v ON v.id = ch.version_id"
                + where
                + " ORDER BY b.name, ch.name",
            args.toArray())) {
      while (rs.next()) {
        all.add(
            new Channel(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5) != null));
      }
    }
    return all;
  }

  private List<ChannelMove> moves(String bucket, long id, String channel) throws SQLException {
    List<ChannelMove> moves = new ArrayList<>();
    try (ResultSet rs =
        query(
            "SELECT at, who, action, from_version, to_version FROM channel_history"
                + " WHERE bucket_id = ? AND channel = ? ORDER BY id",
            id,
            channel)) {
      while (rs.next()) {
        int from = rs.getInt(4);
        Integer fromOrNull = rs.wasNull() ? null : from;
        moves.add(
            new ChannelMove(
                bucket,
                channel,
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                fromOrNull,
                rs.getInt(5)));
      }
    }
    return moves;
  }

  private String knownChannels(long bucketId) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs =
        query("SELECT name FROM channel WHERE bucket_id = ? ORDER BY name", bucketId)) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names.isEmpty() ? " (it has none)" : " (channels: " + String.join(", ", names) + ")";
  }

  private Version assignable(String bucket, long id, int number, String what) throws SQLException {
    Version v = fullVersion(bucket, number);
    if (!v.status().equals("succeeded")) {
      throw new RegistryException(
          v.ref() + " " + v.status() + "; only a successful version can be " + what);
    }
    if (v.revoked() != null) {
      throw new RegistryException(
          v.ref() + " is revoked (" + v.revoked().reason() + ") and cannot be " + what);
    }
    return v;
  }

  private Integer currentNumber(long bucketId, String channel) throws SQLException {
    return queryIntOrNull(
        "SELECT v.number FROM channel ch JOIN version v ON v.id = ch.version_id"
            + " WHERE ch.bucket_id = ? AND ch.name = ?",
        bucketId,
        channel);
  }

  private ChannelMove move(
      String bucket,
      long bucketId,
      String channel,
      Version target,
      Integer from,
      String who,
      String action)
      throws SQLException {
    String at = time(Instant.now());
    long versionId =
        queryLong(
            "SELECT id FROM version WHERE bucket_id = ? AND number = ?", bucketId, target.number());
    update(
        "INSERT INTO channel (bucket_id, name, version_id, updated_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (bucket_id, name) DO UPDATE SET version_id = excluded.version_id,"
            + " updated_at = excluded.updated_at",
        bucketId,
        channel,
        versionId,
        at);
    update(
        "INSERT INTO channel_history (bucket_id, channel, at, who, action, from_version,"
            + " to_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        bucketId,
        channel,
        at,
        who,
        action,
        from,
        target.number());
    return new ChannelMove(bucket, channel, at, who, action, from, target.number());
  }

  /**
   * The bucket's id, holding it until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
   * transaction already holds the whole database).
   */
  private long lockBucket(String bucket, boolean create) throws SQLException {
    if (create) {
      update(
          "INSERT INTO bucket (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
          bucket,
          time(Instant.now()));
    }
    Long id = null;
    try (ResultSet rs = query("SELECT id FROM bucket WHERE name = ?" + dialect.forUpdate, bucket)) {
      if (rs.next()) {
        id = rs.getLong(1);
      }
    }
    if (id == null) {
      throw noBucket(bucket);
    }
    return id;
  }

  private long bucketId(String bucket) throws SQLException {
    try (ResultSet rs = query("SELECT id FROM bucket WHERE name = ?", bucket)) {
      if (rs.next()) {
        return rs.getLong(1);
      }
    }
    throw noBucket(bucket);
  }

  private RegistryException noBucket(String bucket) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = query("SELECT name FROM bucket ORDER BY name")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return new RegistryException(
        "no bucket '"
            + bucket
            + "' in the registry "
            + location.describe()
            + (names.isEmpty()
                ? " (it has none)"
                : " (buckets: " + String.join(", ", names) + ")"));
  }

  static void checkBucketName(String bucket) {
    if (bucket == null
        || bucket.isBlank()
        || bucket.length() > 200
        || bucket.chars().anyMatch(ch -> ch < 0x20 || ch == '/')) {
      throw RegistryException.usage(
          "not a bucket name: '" + bucket + "' (non-empty, no '/' or control characters)");
    }
  }

  static void checkChannelName(String channel) {
    if (!CHANNEL.matcher(channel).matches()) {
      throw RegistryException.usage(
          "not a channel name: '" + channel + "' (letters, digits, '.', '_', '-')");
    }
  }

  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  // ---- JDBC plumbing ----

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T read(Work<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private <T> T write(Work<T> work) {
    try {
      c.setAutoCommit(false);
      try {
        T result = work.run();
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private RegistryException failed(SQLException e) {
    return new RegistryException(
        "registry " + location.describe() + ": " + Database.oneLine(e), false, e);
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, java.sql.Types.NULL); // untyped: PostgreSQL infers it
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof Long n) {
        ps.setLong(i + 1, n);
      } else {
        ps.setString(i + 1, a.toString());
      }
    }
    return ps;
  }

  /** A query whose statement closes with its result set. */
  private ResultSet query(String sql, Object... args) throws SQLException {
    PreparedStatement ps = prepare(sql, args);
    ps.closeOnCompletion();
    return ps.executeQuery();
  }

  private void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args)) {
      ps.executeUpdate();
    }
  }

  private long insert(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql + " RETURNING id", args);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private int queryInt(String sql, Object... args) throws SQLException {
    try (ResultSet rs = query(sql, args)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private long queryLong(String sql, Object... args) throws SQLException {
    try (ResultSet rs = query(sql, args)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Integer queryIntOrNull(String sql, Object... args) throws SQLException {
    try (ResultSet rs = query(sql, args)) {
      if (!rs.next()) {
        return null;
      }
      int n = rs.getInt(1);
      return rs.wasNull() ? null : n;
    }
  }
}
