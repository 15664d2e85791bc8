package io.levity.da.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the DA layer lives, as {@code da.json} (the devnet writes one in its data folder):
 *
 * <pre>
 * {"chainId": 1337, "rpc": "http://127.0.0.1:8545", "contract": "0x...", "devnet": true}
 * </pre>
 *
 * The DA nodes are not listed: the contract names them with their endpoints. {@code devnet} marks a
 * local chain whose public keys the commands may fall back on.
 *
 * @param chainId the chain id
 * @param rpc the JSON-RPC endpoint
 * @param contract the DataAvailability contract
 * @param devnet whether this is a local devnet
 */
public record DaNetwork(long chainId, URI rpc, Address contract, boolean devnet) {
  private static final String[] FIELDS = {"chainId", "rpc", "contract"};

  /** Checks for nulls. */
  public DaNetwork {
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(contract, "contract");
  }

  /** Reads {@code file}; an IOException says which field is missing or malformed. */
  public static DaNetwork read(Path file) throws IOException {
    JsonNode o = JsonFiles.read(file);
    for (String f : FIELDS)
      if (o.get(f) == null || o.get(f).isNull())
        throw new IOException(file + ": missing field '" + f + "'");
    try {
      return new DaNetwork(
          o.get("chainId").asLong(),
          URI.create(o.get("rpc").asText()),
          Address.fromHex(o.get("contract").asText()),
          o.path("devnet").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes it, replacing any previous file atomically. */
  public void write(Path file) throws IOException {
    ObjectNode o = JsonFiles.JSON.createObjectNode();
    o.put("chainId", chainId);
    o.put("rpc", rpc.toString());
    o.put("contract", contract.toHex());
    if (devnet) o.put("devnet", true);
    JsonFiles.replace(file, o);
  }
}
