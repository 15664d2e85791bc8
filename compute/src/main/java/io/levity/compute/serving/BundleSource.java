package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Where the provider's API finds the batch bundles it serves at {@code /levity/v1/batches/{id}}.
 */
@FunctionalInterface
public interface BundleSource {
  /** The bundle of batch {@code batchId} as JSON, or empty when this provider holds none. */
  Optional<JsonNode> bundle(long batchId);

  /** A source holding no bundle (a server that does not settle). */
  static BundleSource none() {
    return id -> Optional.empty();
  }
}
