// viem's test client (mode "anvil") and a wallet client with a JSON-RPC account against
// `levity devnet --dev`: node viem-test-client.mjs RPC_URL. Prints one JSON line of what it saw;
// DevModeHardhatIT checks it. Exits non-zero on the first failed expectation.
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  defineChain,
} from "viem";

const url = process.argv[2];
if (!url) throw new Error("usage: node viem-test-client.mjs RPC_URL");
const chain = defineChain({
  id: 1337,
  name: "levity-dev",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: [url] } },
});
const transport = http(url);
const test = createTestClient({ chain, mode: "anvil", transport });
const pub = createPublicClient({ chain, transport, cacheTime: 0 });
const wallet = createWalletClient({ chain, transport });

function expect(cond, what) {
  if (!cond) throw new Error("expectation failed: " + what);
}

const out = {};
const [from] = await wallet.getAddresses();
out.account = from;
const target = "0x00000000000000000000000000000000000000bb";

const snap = await test.snapshot();
out.snapshot = snap;
const start = await pub.getBlockNumber();

// eth_sendTransaction through the node's dev key, mined at once
const hash = await wallet.sendTransaction({ account: from, to: target, value: parseEther("2") });
const receipt = await pub.getTransactionReceipt({ hash });
expect(receipt.status === "success", "transfer mined at once");
expect((await pub.getBalance({ address: target })) === parseEther("2"), "balance after transfer");

// state edits
await test.setBalance({ address: target, value: 123n });
expect((await pub.getBalance({ address: target })) === 123n, "setBalance");
await test.setNonce({ address: target, nonce: 9 });
expect((await pub.getTransactionCount({ address: target })) === 9, "setNonce");
await test.setCode({ address: target, bytecode: "0x6001600055" });
expect((await pub.getCode({ address: target })) === "0x6001600055", "setCode");
await test.setStorageAt({ address: target, index: 2, value: "0x" + "00".repeat(31) + "07" });
expect(
  (await pub.getStorageAt({ address: target, slot: "0x2" })) === "0x" + "00".repeat(31) + "07",
  "setStorageAt",
);

// impersonation: send from an account whose key nobody has
const whale = "0x00000000000000000000000000000000000000cc";
await test.setBalance({ address: whale, value: parseEther("5") });
await test.impersonateAccount({ address: whale });
const fromWhale = await wallet.sendTransaction({ account: whale, to: target, value: 4n });
const whaleTx = await pub.getTransaction({ hash: fromWhale });
expect(whaleTx.from === whale, "impersonated sender: " + whaleTx.from);
expect((await pub.getBalance({ address: target })) === 127n, "impersonated transfer");
await test.stopImpersonatingAccount({ address: whale });
out.impersonated = whaleTx.from;

// blocks on demand and time travel
const beforeManual = await pub.getBlockNumber();
await test.setAutomine(false);
const pending = await wallet.sendTransaction({ account: from, to: target, value: 1n });
expect((await pub.getBlockNumber()) === beforeManual, "no block while automine is off");
await test.mine({ blocks: 1 });
expect(
  (await pub.getTransactionReceipt({ hash: pending })).blockNumber === beforeManual + 1n,
  "mined on demand",
);
const before = (await pub.getBlock()).timestamp;
await test.increaseTime({ seconds: 3600 });
await test.mine({ blocks: 1 });
const after = (await pub.getBlock()).timestamp;
expect(after - before >= 3600n, "increaseTime moved the clock: " + before + " -> " + after);
await test.setNextBlockTimestamp({ timestamp: after + 1000n });
await test.mine({ blocks: 3, interval: 10 });
const last = await pub.getBlock();
expect(last.timestamp === after + 1020n, "setNextBlockTimestamp and interval: " + last.timestamp);
await test.setAutomine(true);
out.minedTo = Number(last.number);

// back to the snapshot
await test.revert({ id: snap });
expect((await pub.getBlockNumber()) === start, "revert rewound the chain");
expect((await pub.getBalance({ address: target })) === 0n, "revert undid the transfer and edits");
expect((await pub.getCode({ address: target })) === undefined, "revert undid setCode");
out.revertedTo = Number(await pub.getBlockNumber());

await test.mine({ blocks: 2 });
await test.reset();
expect((await pub.getBlockNumber()) === 0n, "reset returned to genesis");
out.reset = true;
console.log(JSON.stringify(out));
