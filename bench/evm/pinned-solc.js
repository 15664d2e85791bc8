// The pinned solc 0.8.30 (this folder's npm package; offline) with the settings every committed contract of
// Levity is compiled with: Cancun, optimizer 200 runs, no metadata hash (the bytecode depends only on the sources
// and these settings). Used by storage/contracts/compile.js and inft/contracts/compile.js.
const path = require('path');
const solc = require(path.join(__dirname, 'node_modules', 'solc'));
const { keccak256 } = require(path.join(__dirname, 'node_modules', 'js-sha3'));

const PINNED = '0.8.30';
if (!solc.version().startsWith(PINNED + '+')) {
  console.error('expected solc ' + PINNED + ', found ' + solc.version());
  process.exit(1);
}

/** Compiles {file: {content}} sources; prints every problem and exits 1 on an error. */
function compile(sources) {
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      metadata: { bytecodeHash: 'none', appendCBOR: false },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const problems = out.errors || [];
  for (const e of problems) console.error(e.formattedMessage);
  if (problems.some((e) => e.severity === 'error')) process.exit(1);
  return out;
}

module.exports = { solc, keccak256, compile };
