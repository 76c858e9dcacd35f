// Ctrl-C during train: training stops at the next update, the best model so
// far is saved to --out (and loads), stderr says so, and the exit code is 130.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model, readCsvFeatures } from 'shallownet';
import { MAIN, temporaryDirectory } from './run-cli';

const directory = temporaryDirectory();
afterAll(() => directory.remove());

/** 20 000 rows of 8 features, label "yes" where the first two have the same sign: a few seconds per hundred epochs. */
function writeLargerCsv(path: string): void {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['f1,f2,f3,f4,f5,f6,f7,f8,label'];
  for (let k = 0; k < 20_000; k++) {
    const x = Array.from({ length: 8 }, () => (random() * 4 - 2).toFixed(3));
    lines.push(`${x.join(',')},${Number(x[0]) * Number(x[1]) > 0 ? 'yes' : 'no'}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

describe('train, interrupted', () => {
  it('SIGINT after the first epoch: exit 130, the best model so far saved and loadable', async () => {
    const data = join(directory.path, 'larger.csv');
    const out = join(directory.path, 'interrupted.json');
    writeLargerCsv(data);
    // Early stopping on (it restores the best epoch) but patient enough never to end the run itself.
    const child = spawn(process.execPath, [MAIN, 'train', data, '--target', 'label', '--epochs', '100000', '--patience', '100000', '--out', out, '--seed', '5'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      if (!sent && /^epoch +1\//m.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(sent).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stdout).toBe('');
    expect(stderr).toContain('interrupted: stopping at the next update');
    expect(stderr).toMatch(/interrupted: saved the best model so far \(epoch \d+: validation accuracy [\d.]+\) to /);

    const model = Model.fromJSON(readFileSync(out, 'utf8'));
    expect(model.training).toMatchObject({ interrupted: true, stoppedEarly: false });
    expect(model.training?.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(model.history.length).toBeGreaterThanOrEqual(1);
    const { X } = await readCsvFeatures(data, { features: model.featureNames });
    const labels = model.predictLabels(X);
    // A label for every row, and after an epoch or more on 20 000 rows the model tells the classes
    // apart: both labels occur (and nothing else does).
    expect(labels).toHaveLength(20_000);
    expect([...new Set(labels)].sort()).toEqual(['no', 'yes']);
  });
});
