// Filters, watchers and subscriptions against `levity devnet`, with the clients dApps use: viem (filters and watchers
// over HTTP polling and over WebSocket), ethers 6 (on('pending') over HTTP and WebSocket) and web3.js 4
// (subscriptions). Compiles a small contract with solc, installs every filter / watcher / subscription, sends a few
// transactions that emit an event, then reports what each client saw.
// Usage: node tools.mjs <http-url> <ws-url> <private-key>. Prints one JSON object on stdout (ToolsFiltersAcceptanceIT
// asserts on it). An unexpected error, or an unhandled rejection in any client, exits non-zero.
import solc from "solc";
import { ethers } from "ethers";
import { Web3 } from "web3";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  http,
  parseAbiItem,
  webSocket,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

const SENDS = 3;
const WAIT_MS = 30_000;

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Pinger {
    event Ping(address indexed from, uint256 n);

    function ping(uint256 n) external {
        emit Ping(msg.sender, n);
    }
}
`;

function compile() {
  const input = {
    language: "Solidity",
    sources: { "Pinger.sol": { content: SOURCE } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error("solc: " + errors.map((e) => e.formattedMessage).join("\n"));
  const c = output.contracts["Pinger.sol"].Pinger;
  return { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
}

const lower = (s) => String(s).toLowerCase();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const [httpUrl, wsUrl, privateKey] = process.argv.slice(2);
  if (!httpUrl || !wsUrl || !privateKey) throw new Error("usage: node tools.mjs <http-url> <ws-url> <private-key>");
  const result = { solcVersion: solc.version() };
  const { abi, bytecode } = compile();

  const chainId = Number(await createPublicClient({ transport: http(httpUrl) }).getChainId());
  const chain = defineChain({
    id: chainId,
    name: "levity devnet",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [httpUrl], webSocket: [wsUrl] } },
  });
  const account = privateKeyToAccount(privateKey);
  const pub = createPublicClient({ chain, transport: http(httpUrl), pollingInterval: 200 });
  const pubWs = createPublicClient({ chain, transport: webSocket(wsUrl) });
  const wallet = createWalletClient({ account, chain, transport: http(httpUrl) });
  const event = parseAbiItem("event Ping(address indexed from, uint256 n)");

  // Deploy.
  const deployHash = await wallet.deployContract({ abi, bytecode });
  const deployed = await pub.waitForTransactionReceipt({ hash: deployHash, timeout: WAIT_MS });
  const address = deployed.contractAddress;
  result.contract = address;

  // Everything that watches, installed before the transactions.
  const errors = [];
  const seen = {
    viemHttpWatchBlocks: new Set(),
    viemHttpWatchEvent: new Set(),
    viemHttpWatchPending: new Set(),
    viemWsWatchBlocks: new Set(),
    viemWsWatchEvent: new Set(),
    viemWsWatchPending: new Set(),
    ethersHttpPending: new Set(),
    ethersWsPending: new Set(),
    web3NewBlockHeaders: new Set(),
    web3PendingTransactions: new Set(),
    web3Logs: new Set(),
  };
  const onError = (where) => (e) => errors.push(where + ": " + (e?.shortMessage ?? e?.message ?? String(e)));

  const eventFilter = await pub.createEventFilter({ address, event });
  // From the deployment on, so that getFilterLogs (which runs the filter's whole range, as eth_getLogs) finds all.
  const contractFilter = await pub.createContractEventFilter({
    address,
    abi,
    eventName: "Ping",
    fromBlock: deployed.blockNumber,
  });
  const blockFilter = await pub.createBlockFilter();
  const pendingFilter = await pub.createPendingTransactionFilter();

  const unwatch = [
    pub.watchBlocks({
      poll: true,
      onBlock: (b) => seen.viemHttpWatchBlocks.add(Number(b.number)),
      onError: onError("viem http watchBlocks"),
    }),
    pub.watchEvent({
      address,
      event,
      poll: true,
      onLogs: (logs) => logs.forEach((l) => seen.viemHttpWatchEvent.add(lower(l.transactionHash))),
      onError: onError("viem http watchEvent"),
    }),
    pub.watchPendingTransactions({
      poll: true,
      onTransactions: (hashes) => hashes.forEach((h) => seen.viemHttpWatchPending.add(lower(h))),
      onError: onError("viem http watchPendingTransactions"),
    }),
    pubWs.watchBlocks({
      onBlock: (b) => seen.viemWsWatchBlocks.add(Number(b.number)),
      onError: onError("viem ws watchBlocks"),
    }),
    pubWs.watchEvent({
      address,
      event,
      onLogs: (logs) => logs.forEach((l) => seen.viemWsWatchEvent.add(lower(l.transactionHash))),
      onError: onError("viem ws watchEvent"),
    }),
    pubWs.watchPendingTransactions({
      onTransactions: (hashes) => hashes.forEach((h) => seen.viemWsWatchPending.add(lower(h))),
      onError: onError("viem ws watchPendingTransactions"),
    }),
  ];

  const ethersHttp = new ethers.JsonRpcProvider(httpUrl, undefined, { pollingInterval: 200 });
  await ethersHttp.on("pending", (h) => seen.ethersHttpPending.add(lower(h)));
  const ethersWs = new ethers.WebSocketProvider(wsUrl);
  await ethersWs.on("pending", (h) => seen.ethersWsPending.add(lower(h)));

  const web3 = new Web3(new Web3.providers.WebsocketProvider(wsUrl));
  const heads = await web3.eth.subscribe("newBlockHeaders");
  heads.on("data", (h) => seen.web3NewBlockHeaders.add(Number(h.number)));
  heads.on("error", onError("web3 newBlockHeaders"));
  const pendingSub = await web3.eth.subscribe("pendingTransactions");
  pendingSub.on("data", (h) => seen.web3PendingTransactions.add(lower(h)));
  pendingSub.on("error", onError("web3 pendingTransactions"));
  const logsSub = await web3.eth.subscribe("logs", { address });
  logsSub.on("data", (l) => seen.web3Logs.add(lower(l.transactionHash)));
  logsSub.on("error", onError("web3 logs"));

  // viem's WebSocket watchers subscribe asynchronously; give them a moment.
  await sleep(1_000);

  // The transactions.
  const txHashes = [];
  const blockNumbers = [];
  const blockHashes = [];
  for (let i = 1; i <= SENDS; i++) {
    const hash = await wallet.writeContract({ address, abi, functionName: "ping", args: [BigInt(i)] });
    const receipt = await pub.waitForTransactionReceipt({ hash, timeout: WAIT_MS });
    if (receipt.status !== "success") throw new Error("ping " + i + " failed: " + receipt.status);
    txHashes.push(lower(hash));
    blockNumbers.push(Number(receipt.blockNumber));
    blockHashes.push(lower(receipt.blockHash));
  }
  result.txHashes = txHashes;
  result.blockNumbers = blockNumbers;
  const lastBlock = Math.max(...blockNumbers);

  // Wait until every watcher has seen everything (or time is up; the Java test reports what is missing).
  const hasAll = (set) => txHashes.every((h) => set.has(h));
  const reached = (set) => [...set].some((n) => n >= lastBlock);
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const done =
      ["viemHttpWatchEvent", "viemHttpWatchPending", "viemWsWatchEvent", "viemWsWatchPending", "ethersHttpPending",
        "ethersWsPending", "web3PendingTransactions", "web3Logs"].every((k) => hasAll(seen[k])) &&
      ["viemHttpWatchBlocks", "viemWsWatchBlocks", "web3NewBlockHeaders"].every((k) => reached(seen[k]));
    if (done) break;
    await sleep(200);
  }

  // The filters installed by hand: one poll each sees everything since they were installed.
  const eventChanges = await pub.getFilterChanges({ filter: eventFilter });
  const contractChanges = await pub.getFilterChanges({ filter: contractFilter });
  const blockChanges = await pub.getFilterChanges({ filter: blockFilter });
  const pendingChanges = await pub.getFilterChanges({ filter: pendingFilter });
  const againChanges = await pub.getFilterChanges({ filter: eventFilter });
  const contractFilterLogs = await pub.getFilterLogs({ filter: contractFilter });
  result.viemHttpFilters = {
    eventFilter: eventChanges.map((l) => lower(l.transactionHash)),
    contractFilter: contractChanges.map((l) => lower(l.transactionHash)),
    contractFilterArgs: contractChanges.map((l) => l.args.n.toString()),
    contractFilterEventNames: contractChanges.map((l) => l.eventName),
    blockFilter: blockChanges.map(lower),
    pendingFilter: pendingChanges.map(lower),
    eventFilterSecondPoll: againChanges.length,
    contractFilterLogs: contractFilterLogs.map((l) => lower(l.transactionHash)),
    uninstalled: await pub.uninstallFilter({ filter: eventFilter }),
    uninstalledTwice: await pub.uninstallFilter({ filter: eventFilter }),
  };
  result.blockHashes = blockHashes;

  for (const [k, v] of Object.entries(seen)) result[k] = [...v];
  result.errors = errors;

  // Tear down; none of this may raise an unhandled rejection.
  unwatch.forEach((u) => u());
  await heads.unsubscribe();
  await pendingSub.unsubscribe();
  await logsSub.unsubscribe();
  await web3.provider.disconnect();
  await ethersHttp.off("pending");
  await ethersWs.off("pending");
  ethersHttp.destroy();
  await ethersWs.destroy();
  await pubWs.transport.getRpcClient?.().then((c) => c.close()).catch(() => {});
  result.processAlive = true;
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write("tools.mjs failed: " + (e?.stack ?? e) + "\n");
    process.exit(1);
  },
);
