/**
 * The progress bar starts from the work already done (paths a resumed run found in its checkpoint),
 * so it shows that share at once and its rate counts only the work done since.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Writable } from 'node:stream';
import { progressBar } from '../../src/util/progress.js';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

test('a resumed run starts the bar at the paths it found done and rates only the new ones', () => {
  const out = capture();
  let ms = 0;
  const bar = progressBar(10, 'paths', false, { stream: out.stream, now: () => ms });
  bar.update(7); // found in the checkpoint
  ms = 1500;
  bar.update(10); // 3 new paths in 1.5 s: 2 a second (counting the resumed 7 would give 7)
  bar.stop();
  const lines = out.text().split('\n').filter(Boolean);
  assert.match(lines[0], /^paths \[.*\] 70% \| 7\/10 \| 0\/s/);
  assert.not.match(out.text(), /\b0\/10\b/);
  assert.match(lines.at(-1)!, /100% \| 10\/10 \| 2\/s/);
});

test('quiet prints nothing; a bar never updated still closes cleanly', () => {
  const out = capture();
  const quiet = progressBar(5, 'paths', true, { stream: out.stream });
  quiet.update(3);
  quiet.stop();
  assert.is(out.text(), '');
  const idle = progressBar(5, 'steps', false, { stream: out.stream });
  idle.stop();
  assert.match(out.text(), /0\/5/);
});

test.run();
