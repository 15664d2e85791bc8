// Runs the workloads of workloads.json on @ethereumjs/evm (the peer) and prints one JSON line per workload:
// {"name", "gasPerCall", "calls", "seconds", "mgasPerSec"}. Usage: node peer.mjs [seconds-per-workload] [name...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEVM } from '@ethereumjs/evm';
import { Common, Mainnet, Hardfork } from '@ethereumjs/common';
import { createAddressFromString, hexToBytes, bytesToHex } from '@ethereumjs/util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { workloads } = JSON.parse(fs.readFileSync(path.join(here, 'workloads.json'), 'utf8'));
const seconds = Number(process.argv[2] || 3);
const only = process.argv.slice(3);
const caller = createAddressFromString('0x1000000000000000000000000000000000000001');

function encodeRun(n) {
  // run(uint256) selector 0xa444f5e9
  return hexToBytes('0xa444f5e9' + BigInt(n).toString(16).padStart(64, '0'));
}

for (const [name, w] of Object.entries(workloads)) {
  if (only.length && !only.includes(name)) continue;
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun });
  const evm = await createEVM({ common });
  const deploy = await evm.runCall({ caller, data: hexToBytes(w.initcode), gasLimit: 30_000_000n });
  if (deploy.execResult.exceptionError) throw new Error(name + ' deploy failed: ' + deploy.execResult.exceptionError.error);
  const to = deploy.createdAddress;
  // runCall has no transaction boundary: forget the deployment's original storage values (EIP-2200) and warm sets,
  // as the end of the deploying transaction would.
  evm.stateManager.originalStorageCache.clear();
  await evm.journal.cleanup();
  const data = encodeRun(w.n);
  let calls = 0, gas = 0n, out = '';
  // warm-up
  // Every call runs on the same state (checkpoint, call, revert), so gas and output are comparable across engines.
  const once = async () => {
    await evm.stateManager.checkpoint();
    const r = await evm.runCall({ caller, to, data, gasLimit: 1_000_000_000n });
    await evm.stateManager.revert();
    await evm.journal.cleanup(); // forget warm addresses and slots (EIP-2929), as at the end of a transaction
    if (r.execResult.exceptionError) throw new Error(name + ' run failed: ' + r.execResult.exceptionError.error);
    return r;
  };
  for (let i = 0; i < 3; i++) await once();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    const r = await once();
    gas += r.execResult.executionGasUsed;
    out = bytesToHex(r.execResult.returnValue);
    calls++;
    now = process.hrtime.bigint();
  }
  const secs = Number(now - start) / 1e9;
  console.log(JSON.stringify({ name, gasPerCall: Number(gas / BigInt(calls)), calls, seconds: secs,
    mgasPerSec: Number(gas) / secs / 1e6, output: out }));
}
