package dev.imagebake.sdk;

/**
 * A typed key into a {@link StateBag}: Packer's untyped state map, with the type checked.
 *
 * @param name what the value is, used in error messages
 * @param type the value's class
 */
public record StateKey<T>(String name, Class<T> type) {
  public static <T> StateKey<T> of(String name, Class<T> type) {
    return new StateKey<>(name, type);
  }
}
