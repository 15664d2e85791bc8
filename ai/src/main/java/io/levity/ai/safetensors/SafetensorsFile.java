package io.levity.ai.safetensors;

import io.levity.ai.tensor.FloatTensor;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tensors of a safetensors file by name (in name order), and its string metadata. */
public record SafetensorsFile(
    SortedMap<String, FloatTensor> tensors, Map<String, String> metadata) {
  public SafetensorsFile {
    tensors = Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
    metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
  }

  /** The tensor of that name; throws naming it when the file has none. */
  public FloatTensor tensor(String name) throws SafetensorsException {
    FloatTensor t = tensors.get(name);
    if (t == null) throw new SafetensorsException("no tensor named '" + name + "' in the file");
    return t;
  }
}
