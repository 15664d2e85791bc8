// Compiles DataAvailability.sol with the pinned solc 0.8.30 (the npm package bench/evm installs; offline) and writes
// the runtime and creation bytecode the Java side loads. Run from the repository root:
//   (cd bench/evm && npm install --no-audit --no-fund) && node da/contracts/compile.js
const fs = require('fs');
const path = require('path');
const { solc, keccak256, compile } = require(path.join(__dirname, '..', '..', 'bench', 'evm', 'pinned-solc.js'));

const file = 'DataAvailability.sol';
const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
const out = compile({ [file]: { content: source } });

const c = out.contracts[file].DataAvailability;
const dest = path.join(__dirname, '..', 'src', 'main', 'resources', 'io', 'levity', 'da', 'chain');
fs.mkdirSync(dest, { recursive: true });
fs.writeFileSync(path.join(dest, 'DataAvailability.runtime.hex'), '0x' + c.evm.deployedBytecode.object + '\n');
fs.writeFileSync(path.join(dest, 'DataAvailability.creation.hex'), '0x' + c.evm.bytecode.object + '\n');
fs.writeFileSync(path.join(dest, 'DataAvailability.abi.json'), JSON.stringify(c.abi, null, 2) + '\n');
const meta = {
  compiler: 'solc ' + solc.version(),
  evmVersion: 'cancun',
  optimizer: 'enabled, runs 200',
  metadata: 'none (bytecodeHash none, no CBOR)',
  source: 'da/contracts/' + file,
  sourceKeccak256: '0x' + keccak256(Buffer.from(source, 'utf8')),
  regenerate: '(cd bench/evm && npm install --no-audit --no-fund) && node da/contracts/compile.js',
};
fs.writeFileSync(path.join(dest, 'DataAvailability.meta.json'), JSON.stringify(meta, null, 2) + '\n');
console.log('wrote DataAvailability runtime (' + c.evm.deployedBytecode.object.length / 2 + ' bytes) and creation code with '
  + meta.compiler);
