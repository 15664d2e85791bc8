package io.levity.node.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
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

  /** The names of the registered methods, sorted. */
  public SortedSet<String> methods() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(methods.keySet()));
  }

  public ObjectMapper json() {
    return json;
  }

  /** A request body after parsing: the request or batch to run, or the answer to a bad one. */
  public sealed interface Parsed {
    /** A well-formed single request (an object or anything else) or a non-empty batch. */
    record Calls(JsonNode root) implements Parsed {}

    /** The body could not be run; {@code response} says why. */
    // the bytes are an answer handed to the transport as they are, never compared or hashed
    @SuppressWarnings("ArrayRecordComponent")
    record Refused(byte[] response) implements Parsed {}
  }

  /**
   * Handles one HTTP body or WebSocket frame; returns the response body, or null when nothing is to
   * be sent.
   */
  public byte[] handle(byte[] body) {
    return switch (parse(body)) {
      case Parsed.Refused r -> r.response();
      case Parsed.Calls c -> execute(c.root(), name -> null, () -> false);
    };
  }

  /** Parses a body and checks the batch size; nothing runs yet. */
  public Parsed parse(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return refused(RpcException.PARSE_ERROR, "parse error: " + firstLine(e.getMessage()));
    }
    if (root == null) return refused(RpcException.INVALID_REQUEST, "empty request");
    if (root.isArray() && root.isEmpty())
      return refused(RpcException.INVALID_REQUEST, "empty batch");
    if (root.isArray() && root.size() > maxBatch) {
      return refused(
          RpcException.LIMIT_EXCEEDED, "batch of " + root.size() + " exceeds " + maxBatch);
    }
    return new Parsed.Calls(root);
  }

  /** The response to a request the server refuses before running it. */
  public Parsed.Refused refused(int code, String message) {
    return new Parsed.Refused(write(error(null, code, message, null)));
  }

  /**
   * Runs a parsed request or batch. {@code local} adds methods of one connection (WebSocket
   * subscriptions; null where it has none of that name). Once {@code expired} is true the batch
   * entries not yet started are answered with a timeout error instead of running.
   */
  public byte[] execute(JsonNode root, Function<String, RpcMethod> local, BooleanSupplier expired) {
    if (root.isArray()) {
      ArrayNode out = json.createArrayNode();
      for (JsonNode req : root) {
        ObjectNode r = expired.getAsBoolean() ? timeout(req) : handleOne(req, local);
        if (r != null) out.add(r);
      }
      return out.isEmpty() ? null : write(out);
    }
    ObjectNode r = handleOne(root, local);
    return r == null ? null : write(r);
  }

  /**
   * The answer to a request or batch that ran out of time: a timeout error for each entry that
   * expects an answer (null root: one error without an id).
   */
  public byte[] timedOut(JsonNode root) {
    if (root == null) return write(timeout(json.nullNode()));
    if (!root.isArray()) return write(timeout(root));
    ArrayNode out = json.createArrayNode();
    for (JsonNode req : root) {
      ObjectNode r = timeout(req);
      if (r != null) out.add(r);
    }
    return write(out);
  }

  private ObjectNode timeout(JsonNode req) {
    JsonNode id = req.isObject() ? req.get("id") : null;
    if (req.isObject() && id == null) return null; // a notification gets no answer
    return error(id, RpcException.TIMEOUT, "request timed out", null);
  }

  /** Handles one parsed request object; null for a notification (no id). */
  public ObjectNode handleOne(JsonNode req) {
    return handleOne(req, name -> null);
  }

  private ObjectNode handleOne(JsonNode req, Function<String, RpcMethod> local) {
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
    RpcMethod m = local.apply(method.asText());
    if (m == null) m = methods.get(method.asText());
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
        // the text may name paths or internals: it goes to the log, never to the client
        LOG.warn("internal error in {}", method.asText(), e);
        response = error(id, RpcException.INTERNAL_ERROR, "internal error", null);
      }
    }
    return id == null && !req.has("id") ? null : response;
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
