package io.levity.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0 over bytes, independent of the transport: parses a request or a batch, dispatches to
 * registered methods, and renders results and standard errors. Bad input never throws; it becomes
 * an error response.
 */
public final class JsonRpcProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcProcessor.class);

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();
  private final int maxBatch;

  public JsonRpcProcessor(int maxBatch) {
    this.maxBatch = maxBatch;
    json.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  public JsonRpcProcessor register(String name, RpcMethod method) {
    methods.put(name, method);
    return this;
  }

  public ObjectMapper json() {
    return json;
  }

  /**
   * Handles one HTTP body or WebSocket frame; returns the response body, or null when nothing is to
   * be sent.
   */
  public byte[] handle(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return write(
          error(null, RpcException.PARSE_ERROR, "parse error: " + firstLine(e.getMessage()), null));
    }
    if (root == null)
      return write(error(null, RpcException.INVALID_REQUEST, "empty request", null));
    if (root.isArray()) {
      if (root.isEmpty())
        return write(error(null, RpcException.INVALID_REQUEST, "empty batch", null));
      if (root.size() > maxBatch) {
        return write(
            error(
                null,
                RpcException.LIMIT_EXCEEDED,
                "batch of " + root.size() + " exceeds " + maxBatch,
                null));
      }
      ArrayNode out = json.createArrayNode();
      for (JsonNode req : root) {
        ObjectNode r = handleOne(req);
        if (r != null) out.add(r);
      }
      return out.isEmpty() ? null : write(out);
    }
    ObjectNode r = handleOne(root);
    return r == null ? null : write(r);
  }

  /** Handles one parsed request object; null for a notification (no id). */
  public ObjectNode handleOne(JsonNode req) {
    if (!req.isObject())
      return error(null, RpcException.INVALID_REQUEST, "request must be an object", null);
    JsonNode id = req.get("id");
    if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
      return error(null, RpcException.INVALID_REQUEST, "id must be a string or number", null);
    }
    JsonNode version = req.get("jsonrpc");
    if (version == null || !"2.0".equals(version.asText())) {
      return error(id, RpcException.INVALID_REQUEST, "jsonrpc must be \"2.0\"", null);
    }
    JsonNode method = req.get("method");
    if (method == null || !method.isTextual())
      return error(id, RpcException.INVALID_REQUEST, "method must be a string", null);
    RpcMethod m = methods.get(method.asText());
    ObjectNode response;
    if (m == null) {
      response =
          error(
              id,
              RpcException.METHOD_NOT_FOUND,
              "the method " + method.asText() + " does not exist/is not available",
              null);
    } else {
      try {
        JsonNode result = m.call(new Params(req.get("params")));
        response = json.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result == null ? json.nullNode() : result);
      } catch (RpcException e) {
        response = error(id, e.code(), e.getMessage(), e.data());
      } catch (RuntimeException e) {
        LOG.warn("internal error in {}", method.asText(), e);
        response = error(id, RpcException.INTERNAL_ERROR, "internal error: " + e, null);
      }
    }
    return id == null && req.has("id") == false ? null : response;
  }

  private ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
    ObjectNode r = json.createObjectNode().put("jsonrpc", "2.0");
    r.set("id", id == null ? json.nullNode() : id);
    ObjectNode e = r.putObject("error").put("code", code).put("message", message);
    if (data != null) e.set("data", data);
    return r;
  }

  private byte[] write(JsonNode n) {
    try {
      return json.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
