// Compiles the training-job contract with the pinned solc 0.8.30 (the npm package bench/evm installs; offline) and writes
// each deployable contract's runtime and creation bytecode and ABI, plus one meta file recording the compiler,
// settings and the keccak-256 of every source (TrainingJobsCodeTest fails when they no longer match). From the repository
// root:   (cd bench/evm && npm install --no-audit --no-fund) && node compute/contracts/compile.js
const fs = require('fs');
const path = require('path');
const { solc, keccak256, compile } = require(path.join(__dirname, '..', '..', 'bench', 'evm', 'pinned-solc.js'));

const DEPLOYED = { 'TrainingJobs.sol': 'TrainingJobs' };
const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.sol')).sort();
const sources = {};
for (const f of files) sources[f] = { content: fs.readFileSync(path.join(__dirname, f), 'utf8') };
const out = compile(sources);

const dest = path.join(__dirname, '..', 'src', 'main', 'resources', 'io', 'levity', 'compute', 'training');
fs.mkdirSync(dest, { recursive: true });
for (const [file, names] of Object.entries(DEPLOYED)) {
  for (const name of [].concat(names)) {
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
fs.writeFileSync(path.join(dest, 'training.meta.json'), JSON.stringify(meta, null, 2) + '\n');
