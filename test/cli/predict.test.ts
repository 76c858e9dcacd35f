// `shallownet predict`: CSV out with the training file's label strings (or
// values, or one probability column per class), and exit 2 for a wrong model
// file or data that lacks the model's columns.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { ShallowNet } from 'shallownet';
import { fixture, runCli, temporaryDirectory } from './run-cli';

const directory = temporaryDirectory();
afterAll(() => directory.remove());
/** Models trained by the command and committed (test/fixtures/cli/make-models.sh): multiclass, binary, regression. */
const models = { shapes: fixture('shapes-model.json'), sides: fixture('sides-model.json'), prices: fixture('prices-model.json') };

/** stdout's CSV as rows of fields (a real CSV reader: quoted labels must come back whole). */
function rowsOf(csv: string): string[][] {
  return parse(csv) as string[][];
}

describe('predict', () => {
  it('writes the header and one predicted label per row, as the training file wrote them', async () => {
    const result = await runCli(['predict', models.shapes, fixture('shapes.csv')]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const [header, ...rows] = rowsOf(result.stdout);
    expect(header).toEqual(['kind']);
    expect(rows).toHaveLength(60);
    const labels = new Set(rows.map((row) => row[0]));
    for (const label of labels) expect(['small', 'medium', 'large, heavy']).toContain(label);
    // The label with a comma is quoted in the output, and most rows are predicted right.
    expect(result.stdout).toContain('"large, heavy"');
    const truth = rowsOf(readFileSync(fixture('shapes.csv'), 'utf8')).slice(1).map((row) => row[1]);
    const right = rows.filter((row, j) => row[0] === truth[j]).length;
    expect(right / rows.length).toBeGreaterThan(0.8);
  });

  it('finds the feature columns by name, in any order, ignoring others', async () => {
    const result = await runCli(['predict', models.shapes, fixture('new-shapes.csv')]);
    expect(result.code).toBe(0);
    expect(rowsOf(result.stdout).slice(1).map((row) => row[0])).toEqual(['small', 'medium', 'large, heavy']);
  });

  it('--proba: one column per class, each row summing to 1; a binary model gets both columns', async () => {
    const result = await runCli(['predict', models.shapes, fixture('new-shapes.csv'), '--proba']);
    expect(result.code).toBe(0);
    const [header, ...rows] = rowsOf(result.stdout);
    expect(header).toEqual(['large, heavy', 'medium', 'small']);
    for (const row of rows) expect(row.map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);

    const binary = await runCli(['predict', models.sides, fixture('sides.csv'), '--proba']);
    const [sidesHeader, first] = rowsOf(binary.stdout);
    expect(sidesHeader).toEqual(['left', 'right']);
    expect(Number(first![0]) + Number(first![1])).toBeCloseTo(1, 12);
  });

  it('regression: the value in the target units; --out writes the file instead of stdout', async () => {
    const out = join(directory.path, 'prices-predicted.csv');
    const result = await runCli(['predict', models.prices, fixture('prices.csv'), '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const [header, ...rows] = rowsOf(readFileSync(out, 'utf8'));
    expect(header).toEqual(['price']);
    expect(rows).toHaveLength(50);
    const values = rows.map((row) => Number(row[0]));
    // Prices are in the hundreds of thousands: the target scaler was undone.
    for (const value of values) expect(value).toBeGreaterThan(50_000);
  });

  it('a file that is not a model, or a bare network, is bad data: exit 2 naming the file', async () => {
    for (const name of ['not-a-model.json', 'not-json.json']) {
      const result = await runCli(['predict', fixture(name), fixture('shapes.csv')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${name} is not`);
    }
    const bare = join(directory.path, 'bare.json');
    writeFileSync(bare, JSON.stringify(new ShallowNet({ inputSize: 3, hiddenSize: 2, seed: 1 })));
    const result = await runCli(['predict', bare, fixture('shapes.csv')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bare network');
  });

  it('data without a feature column, --proba on a regression model, a missing argument: exit 2', async () => {
    const missing = await runCli(['predict', models.shapes, fixture('sides.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('"width"');
    const proba = await runCli(['predict', models.prices, fixture('prices.csv'), '--proba']);
    expect(proba.code).toBe(2);
    expect(proba.stderr).toContain('regression');
    const bare = await runCli(['predict', models.shapes]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('<data.csv>');
  });
});
