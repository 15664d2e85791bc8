// A Hardhat 2 project pointed at `levity devnet --dev` (LEVITY_RPC, default http://127.0.0.1:8545).
// Hardhat's compiler download is unreachable here: the compile task is told to use the solc npm
// package (solc-js) of the same version instead.
require("@nomicfoundation/hardhat-chai-matchers");
require("@nomicfoundation/hardhat-ethers");
const { subtask } = require("hardhat/config");
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require("hardhat/builtin-tasks/task-names");

const SOLC_VERSION = "0.8.30";

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  const solc = require("solc");
  return {
    compilerPath: require.resolve("solc/soljson.js"),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version(),
  };
});

// The standard test mnemonic's first accounts, as `levity devnet --dev` funds them.
const KEYS = [
  "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
];

module.exports = {
  solidity: { version: SOLC_VERSION, settings: { evmVersion: "cancun" } },
  defaultNetwork: "levity",
  networks: {
    levity: {
      url: process.env.LEVITY_RPC || "http://127.0.0.1:8545",
      chainId: 1337,
      accounts: KEYS,
    },
  },
  mocha: { timeout: 60000 },
};
