package dev.imagebake.sdk;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** What the steps of one build pass to each other. Thread-safe. */
public final class StateBag {
  private final Map<StateKey<?>, Object> values = new ConcurrentHashMap<>();

  public <T> Optional<T> find(StateKey<T> key) {
    return Optional.ofNullable(key.type().cast(values.get(key)));
  }

  /**
   * Returns the value, or throws {@link IllegalStateException} naming the key when no earlier step
   * produced it (a wiring bug, not a user error).
   */
  public <T> T require(StateKey<T> key) {
    return find(key)
        .orElseThrow(() -> new IllegalStateException("no " + key.name() + " in the build state"));
  }

  public <T> void put(StateKey<T> key, T value) {
    values.put(key, key.type().cast(value));
  }

  public void remove(StateKey<?> key) {
    values.remove(key);
  }
}
