// viem against `levity devnet`: eth_call with state and block overrides, eth_simulateV1 through
// simulateBlocks / simulateCalls, and eth_createAccessList. Usage: node calls.mjs <rpc-url> <private-key>.
// Checks as it goes (a mismatch exits non-zero with the message on stderr) and prints one JSON object
// on stdout for CallsViemIT.
import { createPublicClient, createWalletClient, http, pad, numberToHex, hexToBigInt } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const PROBE = "0x" + "99".repeat(20);
const COUNTER = "0x" + "c1".repeat(20);
const BOB = "0x" + "b0".repeat(20);

// Returns the word the snippet pushes: <snippet> PUSH0 MSTORE PUSH1 32 PUSH0 RETURN.
const returning = (snippet) => "0x" + snippet + "5f52" + "60205ff3";
// SLOAD(0) + 1, stored, logged (LOG1 topic 1) and returned.
const COUNTER_CODE = "0x5f54600101805f555f526001" + "60205fa1" + "60205ff3";

function check(cond, what) {
  if (!cond) throw new Error("check failed: " + what);
}

const word = (n) => pad(numberToHex(n), { size: 32 });

async function main() {
  const [url, key] = process.argv.slice(2);
  if (!url || !key) throw new Error("usage: node calls.mjs <rpc-url> <private-key>");
  const client = createPublicClient({ transport: http(url) });
  const account = privateKeyToAccount(key);
  const out = {};

  // eth_call with a code override, a balance override and a stateDiff.
  const r42 = await client.call({ to: PROBE, stateOverride: [{ address: PROBE, code: returning("602a") }] });
  check(r42.data === word(42), "code override: " + r42.data);
  const bal = await client.call({
    to: PROBE,
    stateOverride: [
      { address: PROBE, code: returning("73" + BOB.slice(2) + "31") },
      { address: BOB, balance: 4660n },
    ],
  });
  check(hexToBigInt(bal.data) === 4660n, "balance override: " + bal.data);
  const slot = await client.call({
    to: PROBE,
    stateOverride: [
      { address: PROBE, code: returning("600154"), stateDiff: [{ slot: word(1), value: word(7) }] },
    ],
  });
  check(hexToBigInt(slot.data) === 7n, "stateDiff: " + slot.data);
  out.callOverrides = { code: r42.data, balance: bal.data, stateDiff: slot.data };

  // Block overrides (NUMBER).
  const num = await client.call({
    to: PROBE,
    stateOverride: [{ address: PROBE, code: returning("43") }],
    blockOverrides: { number: 12345n },
  });
  check(hexToBigInt(num.data) === 12345n, "block number override: " + num.data);
  out.blockNumberOverride = num.data;

  // Two simulated blocks: the counter's state carries across them; a reverting call is reported.
  const blocks = await client.simulateBlocks({
    blocks: [
      {
        stateOverrides: [{ address: COUNTER, code: COUNTER_CODE }, { address: PROBE, code: "0x5f5ffd" }],
        calls: [
          { account: account.address, to: COUNTER },
          { account: account.address, to: COUNTER },
          { account: account.address, to: PROBE },
        ],
      },
      { calls: [{ account: account.address, to: COUNTER }] },
    ],
  });
  check(blocks.length === 2, "two blocks");
  const c = blocks[0].calls;
  check(c[0].data === word(1) && c[1].data === word(2), "counter in block 1");
  check(c[1].logs.length === 1 && c[1].logs[0].address.toLowerCase() === COUNTER, "counter log");
  check(c[2].status === "failure", "reverting call status " + c[2].status);
  check(blocks[1].calls[0].data === word(3), "counter carried into block 2");
  check(blocks[1].number === blocks[0].number + 1n, "block numbers");
  check(blocks[1].parentHash === blocks[0].hash, "parent hash");
  out.simulateBlocks = {
    numbers: blocks.map((b) => b.number.toString()),
    returns: blocks.flatMap((b) => b.calls.map((x) => x.data)),
    statuses: blocks.flatMap((b) => b.calls.map((x) => x.status)),
    gasUsed: blocks.map((b) => b.gasUsed.toString()),
  };

  // simulateCalls with traced transfers: a value transfer shows up as a log from 0xeeee...eeee.
  const sim = await client.simulateCalls({
    account: account.address,
    calls: [{ to: BOB, value: 1234n }],
    traceTransfers: true,
  });
  const t = sim.results[0];
  check(t.status === "success", "transfer status");
  check(t.logs.length === 1 && t.logs[0].address.toLowerCase() === "0x" + "ee".repeat(20), "transfer log");
  out.traceTransfers = { logs: t.logs.length, data: t.logs[0].data };

  // eth_createAccessList on a deployed contract that reads slots 1 and 2.
  const wallet = createWalletClient({ account, transport: http(url) });
  const runtime = "600154506002545000"; // SLOAD(1) POP SLOAD(2) POP STOP
  const n = runtime.length / 2;
  const initcode =
    "0x60" + numberToHex(n).slice(2).padStart(2, "0") + "600a5f3960" + numberToHex(n).slice(2).padStart(2, "0") + "5ff3" + runtime;
  const chainId = await client.getChainId();
  const hash = await wallet.sendTransaction({ data: initcode, chain: null, chainId });
  const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 250, timeout: 60_000 });
  check(receipt.status === "success" && receipt.contractAddress, "deploy");
  const acl = await client.createAccessList({ account: account.address, to: receipt.contractAddress });
  check(acl.accessList.length === 1, "one account listed: " + JSON.stringify(acl.accessList));
  check(acl.accessList[0].storageKeys.length === 2, "two slots listed");
  check(acl.gasUsed > 21000n, "gasUsed");
  out.createAccessList = {
    address: acl.accessList[0].address,
    storageKeys: acl.accessList[0].storageKeys,
    gasUsed: acl.gasUsed.toString(),
    contract: receipt.contractAddress,
  };

  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  process.exit(1);
});
