// Compiles StorageRegistry.sol with the pinned solc 0.8.30 (the npm package bench/evm installs; offline) and writes
// the runtime and creation bytecode the Java adapter loads. Run from the repository root:
//   (cd bench/evm && npm install --no-audit --no-fund) && node storage/contracts/compile.js
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', '..', 'bench', 'evm', 'node_modules', 'solc'));
const { keccak256 } = require(path.join(__dirname, '..', '..', 'bench', 'evm', 'node_modules', 'js-sha3'));

const PINNED = '0.8.30';
if (!solc.version().startsWith(PINNED + '+')) {
  console.error('expected solc ' + PINNED + ', found ' + solc.version());
  process.exit(1);
}
const file = 'StorageRegistry.sol';
const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
const input = {
  language: 'Solidity',
  sources: { [file]: { content: source } },
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    // No metadata hash: the bytecode then depends only on the source and these settings.
    metadata: { bytecodeHash: 'none', appendCBOR: false },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = out.errors || [];
for (const e of problems) console.error(e.formattedMessage);
if (problems.some((e) => e.severity === 'error')) process.exit(1);

const c = out.contracts[file].StorageRegistry;
const dest = path.join(__dirname, '..', 'src', 'main', 'resources', 'io', 'levity', 'storage', 'chain', 'rpc');
fs.mkdirSync(dest, { recursive: true });
fs.writeFileSync(path.join(dest, 'StorageRegistry.runtime.hex'), '0x' + c.evm.deployedBytecode.object + '\n');
fs.writeFileSync(path.join(dest, 'StorageRegistry.creation.hex'), '0x' + c.evm.bytecode.object + '\n');
fs.writeFileSync(path.join(dest, 'StorageRegistry.abi.json'), JSON.stringify(c.abi, null, 2) + '\n');
const meta = {
  compiler: 'solc ' + solc.version(),
  evmVersion: 'cancun',
  optimizer: 'enabled, runs 200',
  metadata: 'none (bytecodeHash none, no CBOR)',
  source: 'storage/contracts/' + file,
  sourceKeccak256: '0x' + keccak256(Buffer.from(source, 'utf8')),
  regenerate: '(cd bench/evm && npm install --no-audit --no-fund) && node storage/contracts/compile.js',
};
fs.writeFileSync(path.join(dest, 'StorageRegistry.meta.json'), JSON.stringify(meta, null, 2) + '\n');
console.log('wrote StorageRegistry runtime (' + c.evm.deployedBytecode.object.length / 2 + ' bytes) and creation code with '
  + meta.compiler);
