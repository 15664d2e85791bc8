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
import io.levity.core.time.TimeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity compute ask "prompt"}: one signed chat request to a provider; the answer is printed
 * only once its receipt is verified (streamed pieces as they arrive with --stream, the verdict at
 * the end), with a line on stderr naming the tokens, the fee and the nonce. With {@code --agent ID}
 * the provider runs that iNFT agent (its data as the system prompt, which the user never sees): the
 * body names the token, its current data hashes and the user's grant ({@link AgentAsk}), and a
 * second stderr line names the agent the receipt names.
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

  @Option(names = "--agent", paramLabel = "TOKEN_ID")
  String agentToken;

  @Option(names = "--inft", paramLabel = "FILE")
  Path inftFile;

  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    if (prompt == null || prompt.isBlank()) return o.fail("the prompt is empty");
    if (maxTokens < 1 || maxTokens > 4096) return o.fail("--max-tokens must be in 1..4096");
    if (inftFile != null && agentToken == null) return o.fail("--inft is for --agent only");
    return o.run(
        () -> {
          BigInteger tokenId = agentToken == null ? null : AgentAsk.tokenId(agentToken);
          ComputeUserOptions.UserSide side = o.open();
          Optional<AgentAsk> agent =
              tokenId == null
                  ? Optional.empty()
                  : Optional.of(AgentAsk.resolve(tokenId, inftFile, side.network().chainId()));
          Address p = side.provider(provider, "chatProvider", side.network().chatProvider());
          try (UserReceiptStore store = UserReceiptStore.open(o.dataDir(), side.key().address());
              HttpClient http = ProviderClient.httpClient()) {
            ProviderClient client = ComputeUserOptions.client(side, p, store, http);
            if (client.service().type() != ServiceType.CHAT)
              return o.fail("provider " + p.toHex() + " serves embeddings, not chat");
            ObjectNode b = body(client.service().modelId());
            agent.ifPresent(
                a -> a.addTo(b, side.key(), p, TimeSource.system().epochMillis() / 1000));
            byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
            Optional<BigInteger> maxFee =
                agent.map(
                    a ->
                        AgentAsk.maxFee(
                            client.maxFee(ProviderClient.CHAT, body), client.service()));
            PrintWriter out = o.out();
            StoredReceipt r;
            Optional<String> named;
            if (stream) {
              ProviderClient.StreamedAnswer a =
                  client.stream(ProviderClient.CHAT, body, maxFee, e -> piece(out, e));
              out.println();
              out.flush();
              r = a.stored();
              JsonNode levity = JSON.readTree(a.receiptEvent()).get("levity");
              named = agent.map(x -> x.named(levity));
            } else {
              ProviderClient.Answer a = client.send(ProviderClient.CHAT, body, maxFee);
              named = agent.map(x -> x.named(a.body().get("levity")));
              out.println(a.body().at("/choices/0/message/content").asText());
              r = a.stored();
            }
            out.flush();
            summary(o.err(), r);
            named.ifPresent(o.err()::println);
            o.err().flush();
          }
          return 0;
        });
  }

  private ObjectNode body(String model) {
    ObjectNode b = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens);
    if (stream) b.put("stream", true);
    b.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return b;
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
