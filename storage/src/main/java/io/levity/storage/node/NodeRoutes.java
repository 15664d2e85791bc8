package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/**
 * The node protocol's routes (docs/storage.md, "Protocol"): turns a method and a path into a {@link
 * NodeRequest}, or the refusal a client gets for it. Checks run in a fixed order per route (method,
 * body, then parameters), which decides the answer when several things are wrong at once.
 */
final class NodeRoutes {
  private NodeRoutes() {}

  /**
   * Routes one request by its raw request target (path and query, still percent-encoded); a
   * malformed escape is the client's error, not the node's.
   *
   * @param method the HTTP method, upper case
   * @param uri the request target as received
   * @param hasBody whether the request announces a body (a positive length, or chunks)
   */
  static NodeRequest route(String method, String uri, boolean hasBody) throws NodeError {
    QueryStringDecoder decoded = new QueryStringDecoder(uri);
    String path;
    List<String> file;
    try { // Netty decodes escapes lazily and rejects a malformed one with IllegalArgumentException
      path = decoded.path();
      file = decoded.parameters().get("file");
    } catch (IllegalArgumentException e) {
      throw NodeError.badRequest("malformed request target: " + e.getMessage());
    }
    return parse(method, path, file == null ? null : file.getFirst(), hasBody);
  }

  /**
   * Routes one request.
   *
   * @param method the HTTP method, upper case
   * @param path the decoded path, without the query
   * @param file the {@code file} query parameter, or null
   * @param hasBody whether the request announces a body (a positive length, or chunks)
   */
  static NodeRequest parse(String method, String path, String file, boolean hasBody)
      throws NodeError {
    String[] parts = path.split("/", -1); // "", "v1", "shards", root, index, "sectors", n
    if (path.equals(NodeProtocol.HEALTH)) {
      requireGet(method, hasBody);
      return new NodeRequest.Health();
    }
    if (path.equals(NodeProtocol.SHARDS)) {
      requireGet(method, hasBody);
      return new NodeRequest.ListShards(file == null ? null : parseRoot(file));
    }
    if (path.equals(NodeProtocol.CHALLENGE)) {
      if (!method.equals("POST")) throw notAllowed(method, "POST");
      return new NodeRequest.AnswerChallenge();
    }
    if (parts.length == 5 && parts[1].equals("v1") && parts[2].equals("shards")) {
      Bytes32 root = parseRoot(parts[3]);
      int index = parseShardIndex(parts[4]);
      return switch (method) {
        case "PUT" -> new NodeRequest.PutShard(root, index);
        case "GET" -> new NodeRequest.GetShard(root, index);
        default -> throw notAllowed(method, "GET or PUT");
      };
    }
    if (parts.length == 7
        && parts[1].equals("v1")
        && parts[2].equals("shards")
        && parts[5].equals("sectors")) {
      requireGet(method, hasBody);
      return new NodeRequest.GetSector(
          parseRoot(parts[3]), parseShardIndex(parts[4]), parseInt(parts[6], "sector index"));
    }
    throw new NodeError(
        NodeErrorCode.NOT_FOUND,
        "no such endpoint: " + path + " (see docs/storage.md, Node protocol)");
  }

  private static void requireGet(String method, boolean hasBody) throws NodeError {
    if (!method.equals("GET")) throw notAllowed(method, "GET");
    if (hasBody) throw NodeError.beforeBody(NodeErrorCode.BAD_REQUEST, "GET requests have no body");
  }

  private static NodeError notAllowed(String method, String allowed) {
    return new NodeError(
        NodeErrorCode.METHOD_NOT_ALLOWED, method + " is not allowed here; use " + allowed);
  }

  private static Bytes32 parseRoot(String s) throws NodeError {
    try {
      return Bytes32.fromHex32(s);
    } catch (IllegalArgumentException e) {
      throw NodeError.badRequest(
          "not a 32-byte hex file root: '" + abbreviate(s) + "' (" + e.getMessage() + ")");
    }
  }

  /** A shard index: a code has at most 255 shards, so 0..254. */
  private static int parseShardIndex(String s) throws NodeError {
    int i = parseInt(s, "shard index");
    if (i > 254) throw NodeError.badRequest("shard index " + i + " out of range 0..254");
    return i;
  }

  private static int parseInt(String s, String what) throws NodeError {
    try {
      int v = Integer.parseInt(s);
      if (v < 0) throw new NumberFormatException("negative");
      return v;
    } catch (NumberFormatException e) {
      throw NodeError.badRequest("bad " + what + ": '" + abbreviate(s) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
