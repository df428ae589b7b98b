// Runs the uvu suite through tsx (uvu's own `-r tsx` breaks on ESM-only packages, see STACK.md)
// and closes with a plain "N passed, N failed" line that CI can read.
import { spawn } from 'node:child_process';

const pattern = process.argv[2] ?? '\\.test\\.ts$';
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern, '-c=false'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (chunk) => {
  out += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const total = Number(/Total:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const passed = Number(/Passed:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const failed = total - passed;
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  if (total === 0) {
    console.error('no tests ran');
    process.exit(1);
  }
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});
