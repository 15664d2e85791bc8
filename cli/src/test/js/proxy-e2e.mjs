// The official openai package, unchanged, against `levity compute proxy` (run by ProxyOpenAiIT):
// no custom fetch, no signing here; the proxy signs each request and verifies each receipt.
// Usage: node proxy-e2e.mjs BASE_URL CHAT_MODEL EMBEDDING_MODEL
import OpenAI from "openai";

const [baseURL, chatModel, embeddingModel] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: "sk-ignored-by-the-proxy", maxRetries: 0 });
const out = {};

out.models = (await client.models.list()).data.map((m) => m.id);

const ask = { model: chatModel, messages: [{ role: "user", content: "Call me" }], max_tokens: 8,
  temperature: 0.8, seed: 7 };
const plain = await client.chat.completions.create(ask);
out.plain = plain.choices[0].message.content;
out.plainUsage = plain.usage;

const stream = await client.chat.completions.create({ ...ask, stream: true });
let streamed = "";
let chunks = 0;
for await (const chunk of stream) {
  chunks++;
  if (chunk.choices.length > 0) streamed += chunk.choices[0].delta.content ?? "";
}
out.streamed = streamed;
out.chunks = chunks;

const emb = await client.embeddings.create({ model: embeddingModel, input: ["a whale", "the sea"] });
out.embeddings = emb.data.map((d) => d.embedding.length);
out.embeddingNorm = Math.sqrt(emb.data[0].embedding.reduce((s, x) => s + x * x, 0));

try {
  await client.chat.completions.create({ ...ask, model: "no-such-model" });
  out.unknownModel = "served";
} catch (e) {
  out.unknownModel = e.status;
}
console.log(JSON.stringify(out));
