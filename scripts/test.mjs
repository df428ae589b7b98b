// Runs the uvu suite through tsx (uvu's own `-r tsx` breaks on ESM-only packages, see STACK.md)
// and closes with a plain "N passed, N failed" line that CI can read.
import { spawn } from 'node:child_process';

// `--quick` (npm run test:quick) leaves out the slow files: the golden runs of every shipped
// scenario, the reports (Black Thursday, 1,000 paths, the browser), the LSTM trainings, the Redis
// backend, the CLI end-to-end runs of verify and the risk models, the library's declaration check, and
// the PPO trainings of test/rl/learning and the cpu-backend update of test/rl/backends
const SLOW = [
  'sim/goldenOutputs',
  'report/report\\.test',
  'models/lstm',
  'models/modelStore',
  'models/rolling',
  'parallel/redis',
  'cli/verify',
  'cli/evaluate',
  'risk/cli',
  'library/publicTypes',
  'rl/learning',
  'rl/backends',
];
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const pattern = args.find((a) => a !== '--quick') ?? '\\.test\\.ts$';
const ignore = quick ? SLOW.flatMap((p) => ['-i', p]) : [];
const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern, ...ignore, '-c=false'], {
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
