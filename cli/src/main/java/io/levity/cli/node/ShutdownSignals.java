package io.levity.cli.node;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * Makes SIGINT and SIGTERM stop the process the same way, through its shutdown hooks (exit code 128
 * + the signal's number), however it was started. A shell without job control starts background
 * commands with SIGINT ignored, and a JVM started so never installs its SIGINT handler: Ctrl-C or
 * {@code kill -INT} did nothing. So the ignored disposition is first reset with the C library's
 * {@code signal()} through the foreign function API, then both handlers are installed through
 * {@code sun.misc.Signal}. Both are reached reflectively: the code compiles for Java 21 (where the
 * foreign function API is a preview) and without javac's warning about {@code sun.misc}. Where
 * either is missing, the JVM's defaults stay and {@link #install} says why.
 */
final class ShutdownSignals {
  private static final String[] NAMES = {"INT", "TERM"};
  private static final int[] NUMBERS = {2, 15}; // the same on Linux and macOS

  private ShutdownSignals() {}

  /** Installs the handlers; empty when done, else why not (the JVM's defaults stay). */
  static Optional<String> install() {
    try {
      MethodHandle signal = libcSignal();
      Object defaultAction =
          Class.forName("java.lang.foreign.MemorySegment").getField("NULL").get(null); // SIG_DFL
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Object exitHandler =
          Proxy.newProxyInstance(
              ShutdownSignals.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                if (!method.getName().equals("handle")) return objectMethod(proxy, method, args);
                int number = (int) signalType.getMethod("getNumber").invoke(args[0]);
                System.exit(128 + number); // runs the shutdown hooks
                return null;
              });
      for (int i = 0; i < NAMES.length; i++) {
        signal.invoke(NUMBERS[i], defaultAction);
        handle.invoke(
            null, signalType.getConstructor(String.class).newInstance(NAMES[i]), exitHandler);
      }
      return Optional.empty();
    } catch (Throwable e) {
      return Optional.of(e.toString());
    }
  }

  /** {@code void (*signal(int, void (*)(int)))(int)} from the C library. */
  private static MethodHandle libcSignal() throws Throwable {
    Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
    Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
    Class<?> valueLayoutType = Class.forName("java.lang.foreign.ValueLayout");
    Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
    Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
    Object linker = linkerType.getMethod("nativeLinker").invoke(null);
    Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
    Object symbol =
        ((Optional<?>)
                Class.forName("java.lang.foreign.SymbolLookup")
                    .getMethod("find", String.class)
                    .invoke(lookup, "signal"))
            .orElseThrow(() -> new IllegalStateException("no signal() in the C library"));
    Object address = valueLayoutType.getField("ADDRESS").get(null);
    Object args = Array.newInstance(layoutType, 2);
    Array.set(args, 0, valueLayoutType.getField("JAVA_INT").get(null));
    Array.set(args, 1, address);
    Object descriptor =
        descriptorType.getMethod("of", layoutType, args.getClass()).invoke(null, address, args);
    return (MethodHandle)
        linkerType
            .getMethod(
                "downcallHandle",
                Class.forName("java.lang.foreign.MemorySegment"),
                descriptorType,
                optionType.arrayType())
            .invoke(linker, symbol, descriptor, Array.newInstance(optionType, 0));
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> "ShutdownSignals.exit";
    };
  }
}
