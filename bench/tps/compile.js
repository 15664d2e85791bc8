// Regenerates BenchToken.json from contracts/BenchToken.sol with solc 0.8.30, the npm package installed in
// ../evm/node_modules (offline). Run: node compile.js   (after `npm install` in bench/evm once)
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', 'evm', 'node_modules', 'solc'));

const PINNED = '0.8.30';
if (!solc.version().startsWith(PINNED + '+')) {
  console.error(`solc ${solc.version()} found; this contract is compiled with ${PINNED} (pinned in bench/evm/package.json)`);
  process.exit(1);
}
const file = 'BenchToken.sol';
const input = {
  language: 'Solidity',
  sources: { [file]: { content: fs.readFileSync(path.join(__dirname, 'contracts', file), 'utf8') } },
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] } },
  },
};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
const c = out.contracts[file].BenchToken;
const result = {
  meta: { compiler: 'solc ' + solc.version(), evmVersion: 'cancun', optimizer: 'enabled, runs 200', source: 'contracts/' + file },
  contract: 'BenchToken',
  constructor: 'constructor(uint256 supply)',
  selectors: c.evm.methodIdentifiers,
  abi: c.abi,
  initcode: '0x' + c.evm.bytecode.object,
  runtime: '0x' + c.evm.deployedBytecode.object,
};
fs.writeFileSync(path.join(__dirname, 'BenchToken.json'), JSON.stringify(result, null, 2) + '\n');
console.log('wrote BenchToken.json using', result.meta.compiler);
