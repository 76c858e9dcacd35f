// The README's "Beyond the lecture" examples (examples/*.mjs) run as a user
// would run them, from the repository's root, and score what the README says.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (name: string) => execFileSync(process.execPath, [`examples/${name}.mjs`], { cwd: root, encoding: 'utf8' });
const number = (output: string, pattern: RegExp) => Number((output.match(pattern) ?? [])[1]);

describe('the examples of the README', () => {
  it('digits: 10 classes, softmax, Adam on mini-batches: 96.7 % of the held-out digits', () => {
    const output = run('digits');
    expect(output).toMatch(/^100 epochs, 2200 updates in \d+ ms/);
    expect(number(output, /accuracy: ([\d.]+)/)).toBeCloseTo(0.9667, 3);
    expect(output).toMatch(/predicted 9 2 4 0 1 6 9 0 5 5 7 7 3 0 7\ntrue {6}5 2 4 0 1 6 9 0 5 5 7 7 3 0 7/);
  });

  it('diabetes: a linear output, R² 0.52 on the held-out patients', () => {
    const output = run('diabetes');
    expect(number(output, /r2: ([-\d.]+)/)).toBeCloseTo(0.5225, 3);
  });

  it('breast cancer: validation split and early stopping, 96.5 % held out', () => {
    const output = run('breast-cancer');
    expect(output).toContain('stopped early: true after 103 epochs; best epoch 83');
    expect(number(output, /accuracy: ([\d.]+)/)).toBeCloseTo(0.965, 3);
  });
});
