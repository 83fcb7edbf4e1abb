package dev.imagebake.sdk.steps;

import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.StateKey;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state the common steps share with the builders that compose them ({@link StepConnect}, {@link
 * StepProvision}).
 */
public final class StateKeys {
  /** The connected communicator; produced by {@link StepConnect}, closed by its cleanup. */
  public static final StateKey<Communicator> COMMUNICATOR =
      StateKey.of("communicator", Communicator.class);

  /**
   * What {@code {{build `KEY`}}} resolves to (ID, Host, Port, User, ConnType, ...). Builders put
   * their keys here; {@link StepConnect} adds the connection's. Always an immutable map: replace,
   * don't mutate.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static final StateKey<Map<String, String>> BUILD_DATA =
      (StateKey<Map<String, String>>) (StateKey) StateKey.of("build data", Map.class);

  /** Why provisioning failed; produced by {@link StepProvision}, read by its cleanup. */
  public static final StateKey<Exception> PROVISIONING_ERROR =
      StateKey.of("provisioning error", Exception.class);

  /**
   * Set by a cleanup to replace the build's error message (Packer's {@code Cleanup failed: <e>.
   * Original Provisioning error: <o>}); the step runner reports it instead of the step's own.
   */
  public static final StateKey<String> FAILURE_MESSAGE =
      StateKey.of("failure message", String.class);

  private StateKeys() {}

  /** {@link #BUILD_DATA} with {@code extra} merged over it. */
  public static void addBuildData(StateBag state, Map<String, String> extra) {
    Map<String, String> merged = new LinkedHashMap<>(state.find(BUILD_DATA).orElse(Map.of()));
    merged.putAll(extra);
    state.put(BUILD_DATA, Map.copyOf(merged));
  }
}
