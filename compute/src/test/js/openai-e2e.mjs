// The official openai package against a Levity provider (run by OpenAiNpmIT): chat plain and
// streamed, and embeddings. A custom fetch signs every request body with the X-Levity headers
// (test digests: see ServingFixture.java), and each answer's provider signature is checked here.
// Usage: node openai-e2e.mjs BASE_URL USER_KEY_HEX PROVIDER_ADDRESS FIRST_NONCE DEADLINE
import OpenAI from "openai";
import { ethers } from "ethers";

const [baseURL, userKey, provider, firstNonce, deadline] = process.argv.slice(2);
const wallet = new ethers.Wallet(userKey);
const MAX_FEE = 10000n;
let nonce = BigInt(firstNonce);

function requestDigest(requestHash, n) {
  return ethers.solidityPackedKeccak256(
    ["string", "address", "address", "bytes32", "uint256", "uint256", "uint256"],
    ["levity.test.request", provider, wallet.address, requestHash, MAX_FEE, n, BigInt(deadline)]);
}

function responseSigner(r) {
  const digest = ethers.solidityPackedKeccak256(
    ["string", "bytes32", "bytes32", "bytes32", "uint256", "uint256", "uint256", "address", "uint256"],
    ["levity.test.response", r.requestHash, r.responseHash, r.modelRoot, BigInt(r.inputTokens),
      BigInt(r.outputTokens), BigInt(r.fee), r.user, BigInt(r.nonce)]);
  return ethers.recoverAddress(digest, r.providerSignature);
}

async function signingFetch(url, init = {}) {
  const body = typeof init.body === "string" ? init.body : "";
  const headers = new Headers(init.headers);
  const n = nonce++;
  const requestHash = ethers.keccak256(ethers.toUtf8Bytes(body));
  headers.set("X-Levity-User", wallet.address);
  headers.set("X-Levity-Nonce", n.toString());
  headers.set("X-Levity-Max-Fee", MAX_FEE.toString());
  headers.set("X-Levity-Deadline", deadline);
  headers.set("X-Levity-Signature", wallet.signingKey.sign(requestDigest(requestHash, n)).serialized);
  return fetch(url, { ...init, headers });
}

const client = new OpenAI({ baseURL, apiKey: "unused", fetch: signingFetch, maxRetries: 0 });
const out = {};

const models = await client.models.list();
out.models = models.data.map((m) => m.id);

const ask = { model: "levity-tiny", messages: [{ role: "user", content: "Call me" }],
  max_tokens: 10, temperature: 0.8, seed: 7 };
const { data: plain, response } = await client.chat.completions.create(ask).withResponse();
out.plain = plain.choices[0].message.content;
out.plainObject = plain.object;
out.plainFinish = plain.choices[0].finish_reason;
out.plainUsage = plain.usage;
out.plainHashMatches =
  response.headers.get("x-levity-response-hash") === ethers.keccak256(ethers.toUtf8Bytes(out.plain));
out.plainSigner = responseSigner(plain.levity);

const stream = await client.chat.completions.create({ ...ask, stream: true });
let streamed = "";
let receipt = null;
let chunks = 0;
for await (const chunk of stream) {
  chunks++;
  if (chunk.choices.length > 0) streamed += chunk.choices[0].delta.content ?? "";
  else receipt = chunk.levity;
}
out.streamed = streamed;
out.chunks = chunks;
out.streamHashMatches = receipt.responseHash === ethers.keccak256(ethers.toUtf8Bytes(streamed));
out.streamSigner = responseSigner(receipt);

const emb = await client.embeddings.create({ model: "minilm", input: ["a whale", "the sea"] });
out.embeddings = emb.data.map((d) => d.embedding.length);
out.embeddingNorm = Math.sqrt(emb.data[0].embedding.reduce((s, x) => s + x * x, 0));
out.embeddingSigner = responseSigner(emb.levity);

try {
  await client.chat.completions.create({ ...ask, model: "no-such-model" });
  out.unknownModel = "served";
} catch (e) {
  out.unknownModel = e.status;
}
console.log(JSON.stringify(out));
