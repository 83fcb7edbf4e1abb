package dev.imagebake.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SIGINT/SIGTERM handling through {@code sun.misc.Signal} (module jdk.unsupported, present in every
 * JDK 17). Reached by reflection so the build stays free of "internal proprietary API" warnings,
 * which javac does not let code suppress.
 */
final class SignalHandlers {
  private SignalHandlers() {}

  /**
   * Installs {@code onSignal} for INT and TERM (told {@code interrupt} or {@code terminated});
   * closing restores the previous handlers.
   *
   * @throws IllegalStateException when the JVM refuses (e.g. started with {@code -Xrs})
   */
  static AutoCloseable install(Consumer<String> onSignal) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Object handler =
          Proxy.newProxyInstance(
              handlerType.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  // Go's names, which Packer prints: "Cancelling build after receiving interrupt".
                  String name = args[0].toString();
                  onSignal.accept(name.equals("SIGTERM") ? "terminated" : "interrupt");
                  return null;
                }
                return switch (method.getName()) {
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> "imagebake interrupt handler";
                };
              });
      List<Object> signals = new ArrayList<>();
      List<Object> previous = new ArrayList<>();
      AutoCloseable restore =
          () -> {
            for (int i = 0; i < signals.size(); i++) {
              handle.invoke(null, signals.get(i), previous.get(i));
            }
          };
      try {
        for (String name : List.of("INT", "TERM")) {
          Object signal = signalType.getConstructor(String.class).newInstance(name);
          previous.add(handle.invoke(null, signal, handler));
          signals.add(signal);
        }
      } catch (ReflectiveOperationException e) {
        restore.close(); // all or nothing: the fallback must not share signals with us
        throw e;
      }
      return restore;
    } catch (Exception e) {
      throw new IllegalStateException("cannot install signal handlers: " + e, e);
    }
  }
}
