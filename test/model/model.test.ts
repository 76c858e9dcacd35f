// Model: a network with its scaler, feature names and labels. It predicts
// from raw features (scaling inside), answers in the training file's labels
// or the target's units, saves to one JSON document that loads bit for bit,
// and refuses parts that do not fit together or a document that is not one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  confusionMatrix,
  fromExamples,
  fromLabels,
  logLoss,
  Model,
  oneHot,
  r2Score,
  ShallowNet,
  StandardScaler,
  toClassIndices,
  type Matrix,
  type ModelJSON,
} from 'shallownet';
import { mapColumnBlocks } from '../../lib/model/column-blocks';

/** Raw features far from unit scale (the scaler matters): class by which of three bands x0 falls in. */
const examples = Array.from({ length: 30 }, (_, j) => [100 + 10 * (j % 10) + (j % 3), 0.01 * ((j * 7) % 5)]);
const X = fromExamples(examples);
const bands = examples.map(([x0]) => (x0! < 130 ? 0 : x0! < 170 ? 1 : 2));
const labels = ['low', 'mid', 'high'];

function trainedMulticlass(): Model {
  const scaler = StandardScaler.fit(X);
  const network = new ShallowNet({ inputSize: 2, hiddenSize: 8, outputSize: 3, outputActivation: 'softmax', initialization: 'xavier', seed: 1, backend: 'ts' });
  network.fit(scaler.transform(X), oneHot(bands, 3), { epochs: 300, learningRate: 0.05, optimizer: 'adam' });
  return new Model({ network, task: 'multiclass', featureNames: ['size', 'noise'], targetName: 'band', classes: labels, scaler, history: [{ iteration: 1, epoch: 1, cost: 1 }] });
}

function trainedRegression(): { model: Model; Y: Matrix } {
  const Y = fromLabels(examples.map(([x0, x1]) => 1000 + 20 * x0! + 500 * x1!));
  const scaler = StandardScaler.fit(X);
  const targetScaler = StandardScaler.fit(Y);
  const network = new ShallowNet({ inputSize: 2, hiddenSize: 6, outputActivation: 'linear', initialization: 'xavier', seed: 2, backend: 'ts' });
  network.fit(scaler.transform(X), targetScaler.transform(Y), { epochs: 400, learningRate: 0.02, optimizer: 'adam' });
  return { model: new Model({ network, task: 'regression', featureNames: ['size', 'noise'], targetName: 'price', scaler, targetScaler }), Y };
}

describe('Model predictions', () => {
  const model = trainedMulticlass();

  it('scales raw features inside and answers with the labels', () => {
    const predicted = model.predictLabels(X);
    expect(predicted).toHaveLength(30);
    expect(accuracy(bands, model.predictClasses(X))).toBeGreaterThan(0.9);
    expect(predicted).toEqual(Array.from(model.predictClasses(X), (c) => labels[c]));
    expect(model.predict(X)).toEqual(predicted);
    // The same as the network on scaled features.
    const direct = model.network.predictClasses(model.scaler!.transform(X));
    expect(model.predictClasses(X)).toEqual(direct);
  });

  it('predictProba: one row per class, columns summing to 1', () => {
    const P = model.predictProba(X);
    expect([P.rows, P.cols]).toEqual([3, 30]);
    for (let j = 0; j < 30; j++) expect(P.data[j]! + P.data[30 + j]! + P.data[60 + j]!).toBeCloseTo(1, 12);
  });

  it('a binary model: P(classes[1]) from the sigmoid, both rows from predictProba', () => {
    const network = new ShallowNet({ inputSize: 2, hiddenSize: 3, seed: 4 });
    const binary = new Model({ network, task: 'binary', featureNames: ['a', 'b'], targetName: 'y', classes: ['no', 'yes'] });
    const p = binary.outputs(X);
    const P = binary.predictProba(X);
    expect([P.rows, P.cols]).toEqual([2, 30]);
    for (let j = 0; j < 30; j++) {
      expect(P.data[30 + j]).toBe(p.data[j]);
      expect(P.data[j]).toBe(1 - p.data[j]!);
    }
    expect(binary.predictLabels(X)).toEqual(Array.from(toClassIndices(p), (c) => ['no', 'yes'][c]));
  });

  it('regression: values in the target units through the target scaler', () => {
    const { model: regression, Y } = trainedRegression();
    const values = regression.predictValues(X);
    expect(values).toBeInstanceOf(Float64Array);
    expect(r2Score(Y, { rows: 1, cols: 30, data: values })).toBeGreaterThan(0.95);
    expect(() => regression.predictLabels(X)).toThrow(RangeError);
    expect(() => regression.predictProba(X)).toThrow('called on a classification model');
    expect(() => model.predictValues(X)).toThrow('called on a regression model');
  });

  it('predicts a block of examples at a time, with the same outputs as all at once', () => {
    const f = (block: Matrix) => model.network.predictProba(model.scaler!.transform(block));
    const whole = f(X);
    const blocked = mapColumnBlocks(X, 3, f, 7); // blocks of 7, 7, 7, 7 and 2 examples
    expect([blocked.rows, blocked.cols]).toEqual([3, 30]);
    blocked.data.forEach((value, k) => expect(Math.abs(value - whole.data[k]!)).toBeLessThan(1e-12));
  });

  it('refuses X without one row per feature, naming the features', () => {
    expect(() => model.predict(fromExamples([[1, 2, 3]]))).toThrow('X must be (2, m): one row per feature ("size", "noise"), got (3, 1)');
  });
});

describe('Model.evaluate', () => {
  it('classification: the scores of lib/metrics on the model predictions', () => {
    const model = trainedMulticlass();
    const Y = oneHot(bands, 3);
    const evaluation = model.evaluate(X, Y);
    if (evaluation.task === 'regression') throw new Error('expected a classification evaluation');
    const predicted = model.predictClasses(X);
    expect(evaluation.accuracy).toBe(accuracy(bands, predicted));
    expect(evaluation.logLoss).toBe(logLoss(Y, model.outputs(X)));
    expect(evaluation.confusionMatrix).toEqual(confusionMatrix(bands, predicted, { classCount: 3 }));
    expect(evaluation.classes).toEqual(labels);
    expect(evaluation.perClass.map((scores) => scores.label)).toEqual(labels);
    expect(evaluation.perClass.map((scores) => scores.support)).toEqual([9, 12, 9]);
  });

  it('regression: mse, rmse, mae and r2 in the target units', () => {
    const { model, Y } = trainedRegression();
    const evaluation = model.evaluate(X, Y);
    if (evaluation.task !== 'regression') throw new Error('expected a regression evaluation');
    const values = model.predictValues(X);
    const errors = Array.from(values, (value, j) => value - Y.data[j]!);
    expect(evaluation.mse).toBeCloseTo(errors.reduce((sum, e) => sum + e * e, 0) / 30, 9);
    expect(evaluation.rmse).toBeCloseTo(Math.sqrt(evaluation.mse), 12);
    expect(evaluation.mae).toBeCloseTo(errors.reduce((sum, e) => sum + Math.abs(e), 0) / 30, 9);
    expect(evaluation.r2).toBeGreaterThan(0.95);
  });
});

describe('Model JSON', () => {
  it('round-trips through JSON text: same names, labels, history, and bit-identical outputs', () => {
    const model = trainedMulticlass();
    const text = JSON.stringify(model);
    const loaded = Model.fromJSON(text, { backend: 'ts' }); // the backend it was trained on: the same bits
    expect(loaded.featureNames).toEqual(['size', 'noise']);
    expect(loaded.classes).toEqual(labels);
    expect(loaded.targetName).toBe('band');
    expect(loaded.history).toEqual([{ iteration: 1, epoch: 1, cost: 1 }]);
    expect(loaded.outputs(X).data).toEqual(model.outputs(X).data);
    expect(JSON.parse(text)).toMatchObject({ format: 'shallownet-model', version: 1, task: 'multiclass', targetScaler: null });

    const { model: regression } = trainedRegression();
    const back = Model.fromJSON(regression.toJSON(), { backend: 'ts' });
    expect(back.predictValues(X)).toEqual(regression.predictValues(X));
    expect(back.classes).toBeUndefined();
  });

  it('loads the version-1 model files shallownet train wrote (test/fixtures/cli)', () => {
    const model = Model.fromJSON(readFileSync(new URL('../fixtures/cli/shapes-model.json', import.meta.url), 'utf8'));
    expect(model.task).toBe('multiclass');
    expect(model.classes).toEqual(['large, heavy', 'medium', 'small']);
    expect(model.training?.settings.seed).toBe(3);
    expect(model.predictLabels(fromExamples([[1.5, 2.5, 1]]))).toEqual(['small']);
  });

  it('refuses documents that are not a model, naming what is wrong', () => {
    const good = trainedMulticlass().toJSON();
    const broken = (change: Partial<Record<keyof ModelJSON | 'extra', unknown>>) => () => Model.fromJSON({ ...good, ...change } as ModelJSON);
    expect(() => Model.fromJSON('not json')).toThrow(RangeError);
    expect(() => Model.fromJSON('not json')).toThrow(/^model JSON must be a saved model or its JSON text, got text that is not JSON \(/);
    expect(() => Model.fromJSON(JSON.stringify(good.network))).toThrow('bare network');
    expect(broken({ version: 2 })).toThrow('model JSON version must be 1');
    expect(broken({ extra: 1 })).toThrow("an unknown option 'extra'");
    expect(broken({ task: 'ranking' })).toThrow('model JSON task must be one of');
    expect(broken({ featureNames: ['a', 'a'] })).toThrow('model JSON featureNames[1] must be distinct from model JSON featureNames[0], got "a"');
    expect(broken({ featureNames: ['a', ''] })).toThrow('model JSON featureNames[1] must be a non-empty name, got ""');
    expect(broken({ task: 7 })).toThrow(new TypeError("model JSON task must be one of 'binary', 'multiclass', 'regression', got 7"));
    expect(broken({ featureNames: ['a', 'b', 'c'] })).toThrow('featureNames must be 2 names, one per input of the network');
    expect(broken({ classes: ['x', 'y'] })).toThrow('classes must be 3 labels, one per output of the network');
    expect(broken({ task: 'binary', classes: ['x', 'y'] })).toThrow("a network with one sigmoid output for task 'binary'");
    expect(broken({ history: [{ epoch: 1 }] })).toThrow('model JSON history[0].iteration must be a number');
    expect(broken({ network: { ...good.network, hiddenSize: 0 } })).toThrow(/^model JSON network: /);
    expect(broken({ scaler: { ...good.scaler!, mean: [1] } })).toThrow(/^model JSON scaler: /);
  });

  it('the constructor refuses parts that do not fit together', () => {
    const network = new ShallowNet({ inputSize: 2, hiddenSize: 2, outputActivation: 'linear', seed: 1 });
    const base = { network, task: 'regression' as const, featureNames: ['a', 'b'], targetName: 'y' };
    expect(() => new Model({ ...base, classes: ['p', 'q'] })).toThrow("classes must be absent for task 'regression'");
    expect(() => new Model({ ...base, task: 'multiclass', classes: ['p', 'q'] })).toThrow('softmax');
    expect(() => new Model({ ...base, scaler: StandardScaler.fit(fromExamples([[1, 2, 3]])) })).toThrow('scaler must be fitted on 2 features');
    expect(() => new Model({ ...base, targetScaler: StandardScaler.fit(X) })).toThrow('targetScaler must be fitted on the one target');
    const classifier = new ShallowNet({ inputSize: 2, hiddenSize: 2, seed: 1 });
    expect(() => new Model({ ...base, network: classifier, task: 'binary', classes: ['p', 'q'], targetScaler: StandardScaler.fit(fromLabels([1, 2])) })).toThrow(
      "targetScaler must be given only for task 'regression'",
    );
    expect(() => new Model({ ...base, network: classifier, task: 'binary' })).toThrow('classes must be the class labels');
  });
});
