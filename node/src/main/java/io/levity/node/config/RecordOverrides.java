package io.levity.node.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.time.Durations;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sets a limits record's fields from a JSON object in a configuration file: every field not named
 * keeps its default, nested records are nested objects, and the record's own constructor checks the
 * result, so a file can never build a configuration the code could not. Numbers, booleans, strings,
 * lists of strings and durations ({@code "10s"}, {@code "500ms"}) are settable; a field of another
 * type, or one the caller fixes (ports, the chain id), is refused by name with the list of what is
 * settable.
 */
final class RecordOverrides {
  private RecordOverrides() {}

  /**
   * {@code defaults} with the fields of {@code json} (null or missing: unchanged).
   *
   * @param where the file and JSON path, for messages ("node.json: limits.rpc")
   * @param fixed names of fields that are not settable from a file
   */
  static <T extends Record> T apply(T defaults, JsonNode json, String where, Set<String> fixed) {
    if (json == null || json.isMissingNode() || json.isNull()) return defaults;
    if (!json.isObject()) throw new IllegalArgumentException(where + " must be a JSON object");
    RecordComponent[] parts = defaults.getClass().getRecordComponents();
    Object[] values = new Object[parts.length];
    Set<String> settable = new TreeSet<>();
    for (int i = 0; i < parts.length; i++) {
      values[i] = read(parts[i], defaults);
      if (!fixed.contains(parts[i].getName()) && settable(parts[i])) {
        settable.add(parts[i].getName());
      }
    }
    for (var field : json.properties()) {
      String name = field.getKey();
      if (!settable.contains(name)) {
        throw new IllegalArgumentException(
            where + ": '" + name + "' is not a setting here; settable: " + settable);
      }
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].getName().equals(name)) {
          values[i] = convert(parts[i], values[i], field.getValue(), where + "." + name, fixed);
        }
      }
    }
    return construct(defaults, parts, values, where);
  }

  private static boolean settable(RecordComponent c) {
    Class<?> t = c.getType();
    return t == int.class
        || t == long.class
        || t == double.class
        || t == boolean.class
        || t == String.class
        || t == Duration.class
        || t.isRecord()
        || (t == List.class && isListOfStrings(c.getGenericType()));
  }

  private static boolean isListOfStrings(Type t) {
    return t instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class;
  }

  private static Object convert(
      RecordComponent c, Object current, JsonNode v, String where, Set<String> fixed) {
    Class<?> t = c.getType();
    if (t == int.class && v.canConvertToInt() && v.isIntegralNumber()) return v.intValue();
    if (t == long.class && v.canConvertToLong() && v.isIntegralNumber()) return v.longValue();
    if (t == double.class && v.isNumber()) return v.doubleValue();
    if (t == boolean.class && v.isBoolean()) return v.booleanValue();
    if (t == String.class && v.isTextual()) return v.textValue();
    if (t == Duration.class && v.isTextual()) return Durations.parse(v.textValue());
    if (t.isRecord()) return apply((Record) current, v, where, fixed);
    if (t == List.class && v.isArray()) {
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual()) throw new IllegalArgumentException(where + " must list strings");
        out.add(e.textValue());
      }
      return out;
    }
    throw new IllegalArgumentException(where + " must be " + expected(t));
  }

  private static String expected(Class<?> t) {
    if (t == int.class) return "an integer up to 2^31 - 1";
    if (t == long.class) return "an integer";
    if (t == double.class) return "a number";
    if (t == boolean.class) return "true or false";
    if (t == Duration.class) return "a duration such as \"10s\" or \"500ms\"";
    if (t == List.class) return "a list of strings";
    return "a string";
  }

  private static Object read(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Record> T construct(
      T defaults, RecordComponent[] parts, Object[] values, String where) {
    Class<?>[] types = new Class<?>[parts.length];
    for (int i = 0; i < parts.length; i++) types[i] = parts[i].getType();
    try {
      Constructor<?> canonical = defaults.getClass().getDeclaredConstructor(types);
      return (T) canonical.newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(where + ": " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + defaults.getClass().getSimpleName(), e);
    }
  }
}
