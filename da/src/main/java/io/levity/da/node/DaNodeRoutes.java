package io.levity.da.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.node.DaNodeRefusal.Reason;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DA node's HTTP routes over a {@link DaNodeService}, without Netty: a method, path, query and
 * body in, a status, content type and body out. Refusals become {@code {"error": "..."}} with the
 * refusal's status; anything else unexpected is a 500 that names the exception.
 *
 * <pre>
 *   POST /da/v1/store                          DaWire store request -> {"blobId","epoch","signature"}
 *   GET  /da/v1/blobs/{id}/header              -> header.encode()  (404 when not held)
 *   GET  /da/v1/blobs/{id}/cells?ids=p:i,p:i   -> DaWire cells answer (the held ones, in order)
 *   GET  /da/v1/health                         -> {"status":"ok","node":index}
 * </pre>
 */
public final class DaNodeRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(DaNodeRoutes.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The store route. */
  public static final String STORE = "/da/v1/store";

  /** The health route. */
  public static final String HEALTH = "/da/v1/health";

  /** The prefix of the per-blob routes. */
  public static final String BLOBS = "/da/v1/blobs/";

  /** The binary content type. */
  public static final String BINARY = "application/octet-stream";

  /** The JSON content type. */
  public static final String JSON_TYPE = "application/json";

  /** One answer: a status, a content type and the body's bytes. */
  public static final class Reply {
    private final int status;
    private final String contentType;
    private final byte[] body;

    Reply(int status, String contentType, byte[] body) {
      this.status = status;
      this.contentType = contentType;
      this.body = body;
    }

    /** {@code {"error": message}} with {@code status}. */
    public static Reply error(int status, String message) {
      ObjectNode n = JSON.createObjectNode().put("error", message);
      return new Reply(status, JSON_TYPE, n.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** The content type. */
    public String contentType() {
      return contentType;
    }

    /** The body (not copied: the caller writes it out and drops it). */
    public byte[] body() {
      return body;
    }
  }

  private final DaNodeService service;

  /** Routes over {@code service}. */
  public DaNodeRoutes(DaNodeService service) {
    this.service = service;
  }

  /** Serves one request; {@code query} is the raw query string or null. */
  public Reply handle(String method, String path, String query, byte[] body) {
    try {
      return route(method, path, query, body);
    } catch (DaNodeRefusal r) {
      return Reply.error(r.reason().status(), r.getMessage());
    } catch (MethodNotAllowed m) {
      return Reply.error(405, m.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("DA request {} {} failed", method, path, e);
      return Reply.error(500, "internal error: " + e);
    }
  }

  private Reply route(String method, String path, String query, byte[] body) {
    if (path.equals(STORE)) {
      requireMethod(method, "POST", path);
      StoreRequest request = DaWire.decodeStore(body);
      BlsSignature sig = service.store(request);
      ObjectNode n =
          JSON.createObjectNode()
              .put("blobId", request.header().id().toHex())
              .put("epoch", request.epoch())
              .put("signature", sig.g1().toHex());
      return new Reply(200, JSON_TYPE, n.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (path.equals(HEALTH)) {
      requireMethod(method, "GET", path);
      ObjectNode n = JSON.createObjectNode().put("status", "ok").put("node", service.index());
      return new Reply(200, JSON_TYPE, n.toString().getBytes(StandardCharsets.UTF_8));
    }
    if (path.startsWith(BLOBS)) {
      String[] parts = path.substring(BLOBS.length()).split("/", -1);
      if (parts.length == 2) {
        requireMethod(method, "GET", path);
        Bytes32 id = blobId(parts[0]);
        if (parts[1].equals("header")) {
          BlobHeader h = service.header(id).orElseThrow(() -> unknown(id));
          return new Reply(200, BINARY, h.encode());
        }
        if (parts[1].equals("cells")) {
          if (service.header(id).isEmpty()) throw unknown(id);
          List<CellId> ids =
              DaWire.parseIds(queryParam(query, "ids"), service.limits().maxIdsPerRequest());
          List<Cell> cells = service.cells(id, ids);
          return new Reply(200, BINARY, DaWire.encodeCells(cells));
        }
      }
    }
    return Reply.error(404, "no route " + method + " " + path);
  }

  private static void requireMethod(String method, String expected, String path) {
    if (!method.equals(expected)) {
      throw new MethodNotAllowed(method + " " + path + ": use " + expected);
    }
  }

  private static Bytes32 blobId(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    if (h.length() != 64) throw malformed("'" + hex + "' is not a 32-byte hex blob id");
    try {
      return Bytes32.fromHex32(h);
    } catch (IllegalArgumentException e) {
      throw malformed("'" + hex + "' is not a 32-byte hex blob id");
    }
  }

  private static String queryParam(String query, String name) {
    if (query == null) return null;
    for (String kv : query.split("&", -1)) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(0, eq).equals(name)) {
        return URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static DaNodeRefusal unknown(Bytes32 id) {
    return new DaNodeRefusal(Reason.UNKNOWN_BLOB, "this node does not hold blob " + id.toHex());
  }

  private static DaNodeRefusal malformed(String message) {
    return new DaNodeRefusal(Reason.MALFORMED, message);
  }

  /** A known route asked with the wrong method: 405. */
  private static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MethodNotAllowed(String message) {
      super(message);
    }
  }
}
