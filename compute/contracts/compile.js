// Compiles the compute contracts (training jobs, inference market) with the pinned solc 0.8.30 (the npm package
// bench/evm installs; offline) and writes each deployable contract's runtime and creation bytecode and ABI, plus one
// meta file recording the compiler, settings and the keccak-256 of every source (TrainingJobsAbiTest and
// InferenceMarketAbiTest fail when they no longer match). From the repository root:
//   (cd bench/evm && npm install --no-audit --no-fund) && node compute/contracts/compile.js
const fs = require('fs');
const path = require('path');
const { solc, keccak256, compile } = require(path.join(__dirname, '..', '..', 'bench', 'evm', 'pinned-solc.js'));

// Each deployed contract and the resource package (under io/levity/compute) its artefacts go to.
const DEPLOYED = {
  'TrainingJobs.sol': { TrainingJobs: 'training' },
  'InferenceMarket.sol': { InferenceMarket: 'inference' },
};
const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.sol')).sort();
const sources = {};
for (const f of files) sources[f] = { content: fs.readFileSync(path.join(__dirname, f), 'utf8') };
const out = compile(sources);

const resources = path.join(__dirname, '..', 'src', 'main', 'resources', 'io', 'levity', 'compute');
for (const [file, names] of Object.entries(DEPLOYED)) {
  for (const [name, pkg] of Object.entries(names)) {
    const dest = path.join(resources, pkg);
    fs.mkdirSync(dest, { recursive: true });
    const c = out.contracts[file][name];
    const runtime = c.evm.deployedBytecode.object;
    if (runtime.length / 2 > 24576) {
      console.error(name + ' runtime is ' + runtime.length / 2 + ' bytes, over the EIP-170 limit');
      process.exit(1);
    }
    fs.writeFileSync(path.join(dest, name + '.runtime.hex'), '0x' + runtime + '\n');
    fs.writeFileSync(path.join(dest, name + '.creation.hex'), '0x' + c.evm.bytecode.object + '\n');
    fs.writeFileSync(path.join(dest, name + '.abi.json'), JSON.stringify(c.abi, null, 2) + '\n');
    console.log('wrote ' + name + ' (' + runtime.length / 2 + ' runtime bytes)');
  }
}
const meta = {
  compiler: 'solc ' + solc.version(),
  evmVersion: 'cancun',
  optimizer: 'enabled, runs 200',
  metadata: 'none (bytecodeHash none, no CBOR)',
  sources: Object.fromEntries(
    files.map((f) => ['compute/contracts/' + f, '0x' + keccak256(Buffer.from(sources[f].content, 'utf8'))])),
  regenerate: '(cd bench/evm && npm install --no-audit --no-fund) && node compute/contracts/compile.js',
};
fs.writeFileSync(path.join(resources, 'compute.meta.json'), JSON.stringify(meta, null, 2) + '\n');
