// `shallownet evaluate`: the scores as text and as one JSON object, and
// exit 2 when the file lacks the model's target or holds a label it never saw.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, temporaryDirectory } from './run-cli';

const directory = temporaryDirectory();
afterAll(() => directory.remove());
/** Models trained by the command and committed (test/fixtures/cli/make-models.sh): multiclass, binary, regression. */
const models = { shapes: fixture('shapes-model.json'), sides: fixture('sides-model.json'), prices: fixture('prices-model.json') };

describe('evaluate', () => {
  it('classification as text: accuracy, log loss, confusion matrix, per-class scores', async () => {
    const result = await runCli(['evaluate', models.shapes, fixture('shapes.csv')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^accuracy +[\d.]+$/m);
    expect(result.stdout).toMatch(/^log loss +[\d.]+$/m);
    expect(result.stdout).toContain('confusion matrix (rows: true class, columns: predicted class)');
    expect(result.stdout).toMatch(/^class +precision +recall +f1 +support$/m);
    expect(result.stdout).toMatch(/^large, heavy +[\d.]+ +[\d.]+ +[\d.]+ +20$/m);
  });

  it('--json: one object with accuracy and the rest (classification), mse and r2 (regression)', async () => {
    const classes = await runCli(['evaluate', models.shapes, fixture('shapes.csv'), '--json']);
    expect(classes.code).toBe(0);
    const scores = JSON.parse(classes.stdout) as Record<string, unknown>;
    expect(scores).toMatchObject({ task: 'multiclass', examples: 60, classes: ['large, heavy', 'medium', 'small'] });
    expect(scores.accuracy).toBeGreaterThan(0.8);
    expect(typeof scores.logLoss).toBe('number');
    expect((scores.confusionMatrix as number[][]).flat().reduce((a, b) => a + b, 0)).toBe(60);
    expect(scores.perClass).toHaveLength(3);

    const binary = JSON.parse((await runCli(['evaluate', models.sides, fixture('sides.csv'), '--json'])).stdout) as Record<string, unknown>;
    expect(binary).toMatchObject({ task: 'binary', examples: 40, classes: ['left', 'right'] });
    expect(binary.accuracy).toBeGreaterThan(0.8);

    const regression = await runCli(['evaluate', models.prices, fixture('prices.csv'), '--json']);
    const values = JSON.parse(regression.stdout) as Record<string, number>;
    expect(Object.keys(values)).toEqual(expect.arrayContaining(['mse', 'rmse', 'mae', 'r2']));
    expect(values.r2).toBeGreaterThan(0.5);
    expect(values.rmse).toBeCloseTo(Math.sqrt(values.mse!), 6);
  });

  it('a file without the target column, or with a label the model never saw: exit 2', async () => {
    const noTarget = await runCli(['evaluate', models.shapes, fixture('new-shapes.csv')]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('no target column "kind"');
    const unseen = join(directory.path, 'unseen.csv');
    writeFileSync(unseen, 'kind,width,height,depth\nhuge,9,9,1\n');
    const result = await runCli(['evaluate', models.shapes, unseen]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"huge"');
  });

  it('a model file that is not JSON, or not a model: exit 2, naming the file', async () => {
    const notJson = join(directory.path, 'not-json.json');
    writeFileSync(notJson, '{"format": ');
    const broken = await runCli(['evaluate', notJson, fixture('shapes.csv')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${notJson} is not a usable model file: model JSON must be a saved model or its JSON text, got text that is not JSON (`);
    const network = join(directory.path, 'network.json');
    writeFileSync(network, JSON.stringify({ format: 'shallownet' }));
    const bare = await runCli(['evaluate', network, fixture('shapes.csv')]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(`${network} is not a usable model file: model JSON format must be`);
  });
});
