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

test('a resumed run starts the bar at the paths it found done', () => {
  const out = capture();
  const bar = progressBar(10, 'paths', false, out.stream);
  bar.update(7);
  bar.update(10);
  bar.stop();
  const lines = out.text().split('\n').filter(Boolean);
  assert.match(lines[0], /^paths \[.*\] 70% \| 7\/10 \| 0\/s/);
  assert.not.match(out.text(), /\b0\/10\b/);
  assert.match(lines.at(-1)!, /100% \| 10\/10/);
});

test('quiet prints nothing; a bar never updated still closes cleanly', () => {
  const out = capture();
  const quiet = progressBar(5, 'paths', true, out.stream);
  quiet.update(3);
  quiet.stop();
  assert.is(out.text(), '');
  const idle = progressBar(5, 'steps', false, out.stream);
  idle.stop();
  assert.match(out.text(), /0\/5/);
});

test.run();
