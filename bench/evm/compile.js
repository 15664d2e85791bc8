// Regenerates workloads.json from contracts/*.sol with the pinned solc (offline). Run: npm install && npm run compile
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const dir = path.join(__dirname, 'contracts');
const sources = {};
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.join(dir, f), 'utf8') };
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
// run(uint256) selector = keccak256("run(uint256)")[0:4]
const workloads = {};
const params = { 'Erc20Loop.sol': 2000, 'KeccakLoop.sol': 20000, 'RayTracer.sol': 24, 'StorageLoop.sol': 1000 };
for (const [file, contracts] of Object.entries(out.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    workloads[name] = {
      source: 'contracts/' + file,
      initcode: '0x' + c.evm.bytecode.object,
      runtime: '0x' + c.evm.deployedBytecode.object,
      n: params[file],
    };
  }
}
const meta = { compiler: 'solc ' + solc.version(), evmVersion: 'cancun', optimizer: 'enabled, runs 200', call: 'run(uint256)' };
fs.writeFileSync(path.join(__dirname, 'workloads.json'), JSON.stringify({ meta, workloads }, null, 2) + '\n');
console.log('wrote workloads.json with', Object.keys(workloads).join(', '), 'using', meta.compiler);
