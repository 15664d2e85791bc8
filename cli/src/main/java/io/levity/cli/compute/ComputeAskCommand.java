package io.levity.cli.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.StoredReceipt;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.inference.ServiceType;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.core.bytes.Address;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity compute ask "prompt"}: one signed chat request to a provider; the answer is printed
 * only once its receipt is verified (streamed pieces as they arrive with --stream, the verdict at
 * the end), with a line on stderr naming the tokens, the fee and the nonce.
 */
@Command(name = "ask")
public final class ComputeAskCommand implements Callable<Integer> {
  static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "PROMPT")
  String prompt;

  @Option(names = "--stream")
  boolean stream;

  @Option(names = "--max-tokens", paramLabel = "N")
  int maxTokens = 64;

  @Option(names = "--provider", paramLabel = "ADDR")
  String provider;

  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    if (prompt == null || prompt.isBlank()) return o.fail("the prompt is empty");
    if (maxTokens < 1 || maxTokens > 4096) return o.fail("--max-tokens must be in 1..4096");
    return o.run(
        () -> {
          ComputeUserOptions.UserSide side = o.open();
          Address p = side.provider(provider, "chatProvider", side.network().chatProvider());
          try (UserReceiptStore store = UserReceiptStore.open(o.dataDir(), side.key().address());
              HttpClient http = ProviderClient.httpClient()) {
            ProviderClient client = ComputeUserOptions.client(side, p, store, http);
            if (client.service().type() != ServiceType.CHAT)
              return o.fail("provider " + p.toHex() + " serves embeddings, not chat");
            byte[] body = body(client.service().modelId()).getBytes(StandardCharsets.UTF_8);
            PrintWriter out = o.out();
            StoredReceipt r;
            if (stream) {
              r =
                  client.stream(ProviderClient.CHAT, body, Optional.empty(), e -> piece(out, e))
                      .stored();
              out.println();
            } else {
              ProviderClient.Answer a = client.send(ProviderClient.CHAT, body, Optional.empty());
              out.println(a.body().at("/choices/0/message/content").asText());
              r = a.stored();
            }
            out.flush();
            summary(o.err(), r);
          }
          return 0;
        });
  }

  private String body(String model) {
    ObjectNode b = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens);
    if (stream) b.put("stream", true);
    b.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return b.toString();
  }

  private static void piece(PrintWriter out, String event) {
    try {
      JsonNode c = JSON.readTree(event).at("/choices/0/delta/content");
      if (c.isTextual()) {
        out.print(c.asText());
        out.flush();
      }
    } catch (IOException e) {
      // the client already parsed it; nothing to print
    }
  }

  /** The stderr line: tokens, fee, nonce, provider. */
  static void summary(PrintWriter err, StoredReceipt r) {
    ServingResponseTerms s = r.receipt().response();
    err.println(
        "verified: "
            + s.inputTokens()
            + " tokens in, "
            + s.outputTokens()
            + " out, fee "
            + s.fee()
            + " wei, nonce "
            + s.nonce()
            + ", provider "
            + r.receipt().request().provider().toHex());
    err.flush();
  }
}
