// Acceptance script for `levity devnet`: compiles a contract with solc, then deploys, calls and transacts with an
// ethers v6 Wallet. Usage: node acceptance.mjs <rpc-url> <private-key>. Prints one JSON object on stdout; the Java
// test (DevnetAcceptanceIT) asserts on it. Any unexpected error exits non-zero with the message on stderr.
import solc from "solc";
import { ethers } from "ethers";

const REVERT_REASON = "Counter: step must be positive";

const SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

contract Counter {
    uint256 public count;

    event Incremented(address indexed by, uint256 step, uint256 newCount);

    function increment(uint256 step) external {
        require(step > 0, "${REVERT_REASON}");
        count += step;
        emit Incremented(msg.sender, step, count);
    }
}
`;

function compile() {
  const input = {
    language: "Solidity",
    sources: { "Counter.sol": { content: SOURCE } },
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  if (errors.length > 0) {
    throw new Error("solc: " + errors.map((e) => e.formattedMessage).join("\n"));
  }
  const c = output.contracts["Counter.sol"].Counter;
  return { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
}

function describeError(e) {
  return {
    code: e?.code ?? null,
    reason: e?.reason ?? null,
    shortMessage: e?.shortMessage ?? null,
    message: String(e?.message ?? e),
  };
}

async function main() {
  const [url, privateKey] = process.argv.slice(2);
  if (!url || !privateKey) throw new Error("usage: node acceptance.mjs <rpc-url> <private-key>");

  const result = { solcVersion: solc.version() };
  const { abi, bytecode } = compile();

  const provider = new ethers.JsonRpcProvider(url, undefined, { pollingInterval: 200 });
  const network = await provider.getNetwork();
  result.chainId = network.chainId.toString();

  const wallet = new ethers.Wallet(privateKey, provider);
  result.from = wallet.address;

  // Deploy.
  const factory = new ethers.ContractFactory(abi, bytecode, wallet);
  const contract = await factory.deploy();
  const deployReceipt = await contract.deploymentTransaction().wait(1, 30_000);
  await contract.waitForDeployment();
  result.contractAddress = await contract.getAddress();
  result.deploy = {
    status: deployReceipt.status,
    contractAddress: deployReceipt.contractAddress,
    blockNumber: deployReceipt.blockNumber,
  };
  result.codeLength = ((await provider.getCode(result.contractAddress)).length - 2) / 2;

  // Call, send, wait.
  result.countBefore = (await contract.count()).toString();
  const tx = await contract.increment(5n);
  const receipt = await tx.wait(1, 30_000);
  result.countAfter = (await contract.count()).toString();

  const parsed = receipt.logs
    .map((log) => contract.interface.parseLog(log))
    .filter((p) => p !== null && p.name === "Incremented");
  result.increment = {
    txHash: tx.hash,
    status: receipt.status,
    blockNumber: receipt.blockNumber,
    blockHash: receipt.blockHash,
    gasUsed: receipt.gasUsed.toString(),
    receiptEvents: parsed.map((p) => ({
      name: p.name,
      by: p.args.by,
      step: p.args.step.toString(),
      newCount: p.args.newCount.toString(),
    })),
  };

  // The same event through eth_getLogs.
  const queried = await contract.queryFilter(contract.filters.Incremented(wallet.address), receipt.blockNumber,
      receipt.blockNumber);
  result.queryFilter = queried.map((ev) => ({
    name: ev.eventName ?? ev.fragment?.name ?? null,
    by: ev.args.by,
    step: ev.args.step.toString(),
    newCount: ev.args.newCount.toString(),
    transactionHash: ev.transactionHash,
    blockNumber: ev.blockNumber,
  }));

  // Revert reasons: through eth_call (staticCall) and through a send (ethers estimates gas first).
  try {
    await contract.increment.staticCall(0n);
    result.staticCallRevert = { threw: false };
  } catch (e) {
    result.staticCallRevert = { threw: true, ...describeError(e) };
  }
  try {
    const bad = await contract.increment(0n);
    await bad.wait(1, 30_000);
    result.sendRevert = { threw: false };
  } catch (e) {
    result.sendRevert = { threw: true, ...describeError(e) };
  }
  result.countFinal = (await contract.count()).toString();
  result.revertReason = REVERT_REASON;

  process.stdout.write(JSON.stringify(result) + "\n");
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write("acceptance.mjs failed: " + (e?.stack ?? e) + "\n");
    process.exit(1);
  },
);
