// `shallownet train`: what it writes where (model file, stdout, stderr), in
// each output mode, and how it fails — exit 2 naming what to fix for bad
// usage or data, and never a model file from a failed run.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model } from 'shallownet';
import { fixture, runCli, temporaryDirectory, TERMINAL_CONTROL } from './run-cli';

const directory = temporaryDirectory();
afterAll(() => directory.remove());
const inDirectory = (name: string) => join(directory.path, name);

/** A quick run: a small net, few epochs, a fixed seed. */
const QUICK = ['--hidden', '4', '--epochs', '30', '--seed', '1'];

describe('train', () => {
  it('trains on string labels with the target not last, and saves a model carrying them', async () => {
    const out = inDirectory('shapes.json');
    const result = await runCli(['train', fixture('shapes.csv'), '--target', 'kind', '--out', out, ...QUICK]);
    expect(result.stderr).not.toMatch(/warning|error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^saved ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(epoch \\d+: validation accuracy [\\d.]+\\)\\n$`));
    expect(result.stderr).toContain('read 60 rows × 3 features');
    expect(result.stderr).toContain('multiclass, 3 classes: "large, heavy", "medium", "small"');
    expect(result.stderr).toMatch(/^epoch +1\/30 +cost [\d.]+ +val cost [\d.]+ +val accuracy [\d.]+/m);
    // Not a terminal: plain lines, no bar redrawn with \r, no colours.
    expect(result.stderr).not.toMatch(TERMINAL_CONTROL);

    const model = Model.fromJSON(readFileSync(out, 'utf8'));
    expect(model.task).toBe('multiclass');
    expect(model.targetName).toBe('kind');
    expect(model.featureNames).toEqual(['width', 'height', 'depth']);
    expect(model.classes).toEqual(['large, heavy', 'medium', 'small']);
    expect(model.scaler).toBeDefined();
    expect(model.network.outputActivation).toBe('softmax');
    expect(model.history.length).toBeGreaterThan(0);
    expect(model.training).toMatchObject({ examples: 54, validationExamples: 6, interrupted: false });
    expect(model.training?.settings).toMatchObject({ hidden: 4, seed: 1, optimizer: 'adam' });
  });

  it('infers regression from a numeric target, standardises it, and warns once about unscaled features with --no-scale', async () => {
    const scaledOut = inDirectory('prices.json');
    const scaled = await runCli(['train', fixture('prices.csv'), '--target', 'price', '--out', scaledOut, ...QUICK]);
    expect(scaled.code).toBe(0);
    expect(scaled.stderr).not.toContain('warning');
    expect(scaled.stdout).toMatch(/validation R² /);
    const model = Model.fromJSON(readFileSync(scaledOut, 'utf8'));
    expect(model.task).toBe('regression');
    expect(model.targetScaler).toBeDefined();
    expect(model.classes).toBeUndefined();

    const unscaled = await runCli(['train', fixture('prices.csv'), '--target', 'price', '--out', inDirectory('raw.json'), '--no-scale', ...QUICK]);
    expect(unscaled.code).toBe(0);
    const warnings = unscaled.stderr.split('\n').filter((line) => line.includes('warning'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"area"');
    expect(warnings[0]).toContain('--no-scale');
    const raw = Model.fromJSON(readFileSync(inDirectory('raw.json'), 'utf8'));
    expect(raw.scaler).toBeUndefined();
    expect(raw.targetScaler).toBeUndefined();
  });

  it('--json prints one JSON object per epoch on stdout, then a summary (one batch of all rows: still one record per epoch, from 1)', async () => {
    const result = await runCli(['train', fixture('sides.csv'), '--target', 'side', '--out', inDirectory('sides.json'), '--json', '--batch-size', '100', ...QUICK]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines.pop() as Record<string, unknown>;
    expect(lines.length).toBeGreaterThan(0);
    lines.forEach((line, k) => {
      expect(line).toMatchObject({ type: 'epoch', epoch: k + 1, epochs: 30 });
      expect(typeof line.cost).toBe('number');
      expect(typeof line.validationAccuracy).toBe('number');
    });
    expect(summary).toMatchObject({ type: 'summary', model: inDirectory('sides.json'), epochs: lines.length, interrupted: false });
    // The seed drawn (no --seed given) is in the summary, so the run can be repeated.
    expect(Number.isInteger(summary.seed)).toBe(true);
    expect(summary.seed).toBe((Model.fromJSON(readFileSync(inDirectory('sides.json'), 'utf8')).training?.settings as { seed: number }).seed);
    expect(typeof summary.validationAccuracy).toBe('number');
  });

  it('--quiet prints only the final line', async () => {
    const result = await runCli(['train', fixture('sides.csv'), '--target', 'side', '--out', inDirectory('quiet.json'), '--quiet', ...QUICK]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
  });

  it('trains on the TypeScript backend too, and without validation', async () => {
    const out = inDirectory('ts.json');
    const result = await runCli(['train', fixture('sides.csv'), '--target', 'side', '--out', out, '--backend', 'ts', '--validation', '0', ...QUICK]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('backend ts');
    expect(result.stdout).toMatch(/training cost/);
    expect(Model.fromJSON(readFileSync(out, 'utf8')).training).toMatchObject({ validationExamples: 0, epochs: 30 });
  });
});

describe('train: bad data and bad usage exit 2, name the problem, and write no model', () => {
  /** Runs train expecting exit 2 and no model file; returns stderr. */
  async function refused(args: string[], name = 'refused.json'): Promise<string> {
    const out = inDirectory(name);
    const result = await runCli(['train', ...QUICK, ...args, '--out', out]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^shallownet: error: /);
    expect(existsSync(out)).toBe(false);
    return result.stderr;
  }

  it('a cell that is not a number: the file, line, column and value', async () => {
    const stderr = await refused([fixture('bad-cell.csv'), '--target', 'kind']);
    expect(stderr).toContain('bad-cell.csv, line 3, column 3 ("height"): "n/a" is not a number');
  });

  it('a ragged row, an empty file, a missing target column, a missing file', async () => {
    const [ragged, empty, noTarget, noFile] = await Promise.all([
      refused([fixture('ragged.csv'), '--target', 'kind'], 'ragged.json'),
      refused([fixture('empty.csv'), '--target', 'kind'], 'empty.json'),
      refused([fixture('shapes.csv'), '--target', 'colour'], 'no-target.json'),
      refused([fixture('no-such-file.csv'), '--target', 'kind'], 'no-file.json'),
    ]);
    expect(ragged).toContain('ragged.csv, line 3, column 4 ("depth"): this row has 3 fields but the header has 4');
    expect(empty).toContain('the file is empty');
    expect(noTarget).toContain('no target column "colour"');
    expect(noFile).toContain('no-such-file.csv: no such file or directory');
  });

  it('bad option values, unknown options, a missing --target, a task the data does not fit', async () => {
    const [epochs, unknown, noTarget, task] = await Promise.all([
      refused([fixture('shapes.csv'), '--target', 'kind', '--epochs', 'ten'], 'epochs.json'),
      refused([fixture('shapes.csv'), '--target', 'kind', '--colour', 'red'], 'unknown.json'),
      refused([fixture('shapes.csv')], 'no-target.json'),
      refused([fixture('shapes.csv'), '--target', 'kind', '--task', 'binary'], 'task.json'),
    ]);
    expect(epochs).toContain('--epochs must be an integer from 1 to 1000000, got "ten"');
    expect(unknown).toContain("'--colour'");
    expect(unknown).toContain("run 'shallownet train --help' for usage");
    expect(noTarget).toContain('train needs --target <column>');
    expect(task).toContain("task 'binary' needs exactly 2 classes, but the target has 3");
  });

  it('--features naming the target or a column twice, --threads with --backend ts, --patience without validation: said in the command\'s terms', async () => {
    const [target, twice, threads, patience] = await Promise.all([
      refused([fixture('shapes.csv'), '--target', 'kind', '--features', 'width,kind'], 'features-target.json'),
      refused([fixture('shapes.csv'), '--target', 'kind', '--features', 'width,height,width'], 'features-twice.json'),
      refused([fixture('shapes.csv'), '--target', 'kind', '--backend', 'ts', '--threads', '3'], 'threads.json'),
      refused([fixture('shapes.csv'), '--target', 'kind', '--validation', '0', '--patience', '5'], 'patience.json'),
    ]);
    expect(patience).toContain('--patience watches the validation cost; it does not apply to --validation 0');
    expect(target).toContain('--features lists the target "kind"');
    expect(twice).toContain('--features lists "width" twice');
    expect(threads).toContain('--threads sets the native backend\'s threads; it does not apply to --backend ts');
    expect(threads).toContain("run 'shallownet train --help' for usage");
  });

  it('an --out in a directory that cannot be written in is refused before reading anything', async () => {
    const locked = inDirectory('locked');
    mkdirSync(locked, { mode: 0o555 });
    const result = await runCli(['train', fixture('shapes.csv'), '--target', 'kind', '--out', join(locked, 'model.json')], { fileModesBindRoot: true });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`the directory ${locked} is not writable`);
  });

  it('an --out in a directory that does not exist is refused before reading anything', async () => {
    const result = await runCli(['train', fixture('shapes.csv'), '--target', 'kind', '--out', inDirectory('missing/model.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('there is no directory');
  });

  it('training that fails (diverges) exits 1 and leaves the previous model file, and no temporary file', async () => {
    const out = inDirectory('kept.json');
    writeFileSync(out, 'the previous model');
    const result = await runCli([
      'train', fixture('prices.csv'), '--target', 'price', '--out', out, '--no-scale', '--optimizer', 'gd', '--learning-rate', '1e6', '--validation', '0', '--quiet', ...QUICK,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TrainingDivergedError');
    expect(readFileSync(out, 'utf8')).toBe('the previous model');
    expect(readdirSync(directory.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
