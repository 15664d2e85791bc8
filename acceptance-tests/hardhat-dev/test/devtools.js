// Fixtures and time travel through the dev mode's JSON-RPC test methods. Hardhat's own
// network-helpers refuse any node whose web3_clientVersion does not start with "HardhatNetwork",
// "anvil" or "zksync", and Levity's says what it is; these helpers call the same methods
// (evm_snapshot, evm_revert, evm_increaseTime, evm_mine) the network-helpers call.
const { network } = require("hardhat");

const snapshots = new Map();

/** Runs `fixture` once, then restores the chain to just after it on every later call. */
async function loadFixture(fixture) {
  const saved = snapshots.get(fixture);
  if (saved) {
    const reverted = await network.provider.send("evm_revert", [saved.id]);
    if (!reverted) throw new Error("evm_revert refused snapshot " + saved.id);
    saved.id = await network.provider.send("evm_snapshot", []);
    return saved.data;
  }
  const data = await fixture();
  snapshots.set(fixture, { id: await network.provider.send("evm_snapshot", []), data });
  return data;
}

async function latestTime() {
  const block = await network.provider.send("eth_getBlockByNumber", ["latest", false]);
  return Number(block.timestamp);
}

/** Moves the clock forward and mines a block there. */
async function increaseTime(seconds) {
  await network.provider.send("evm_increaseTime", ["0x" + seconds.toString(16)]);
  await network.provider.send("evm_mine", []);
  return latestTime();
}

module.exports = { loadFixture, latestTime, increaseTime };
