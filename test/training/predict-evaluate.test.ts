// What predict, predictClasses and evaluate return for each head, against
// hand computations from predictProba:
//   softmax  predict = one-hot of argmax; predictClasses = argmax(predictProba);
//            accuracy = share of examples whose argmax is the target's class;
//            cost = −(1/m) Σ y·log a
//   sigmoid  accuracy = share of the n2·m outputs on the right side of 0.5
//   linear   predict = predictProba; mse = mean over all n2·m of (a − y)²;
//            r2 = mean over outputs of 1 − SSres/SStot; cost = (1/(2m)) Σ (a − y)²
import { describe, expect, it } from 'vitest';
import { argmax, oneHot, ShallowNet, type Backend, type OutputActivation } from 'shallownet';
import { backends } from '../helpers';
import { problem } from './common';

function trainedNet(head: OutputActivation, n2: number, backend: Backend, m = 60) {
  const p = problem(head, 500 + n2, 3, 6, n2, m);
  const net = new ShallowNet({ inputSize: 3, hiddenSize: 6, outputSize: n2, outputActivation: head, initialization: 'xavier', seed: 2, backend });
  // A little training: good enough that the answers are mixed, not all right or all wrong.
  net.fit(p.X, p.Y, { epochs: 15, learningRate: 0.3 });
  return { net, X: p.X, Y: p.Y };
}

describe.each(backends)('softmax predictions and evaluation (%s)', (backend) => {
  const { net, X, Y } = trainedNet('softmax', 4, backend);
  const m = X.cols;
  const proba = net.predictProba(X);

  it('predictProba: columns are probabilities summing to 1', () => {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let i = 0; i < 4; i++) {
        const a = proba.data[i * m + j]!;
        expect(a).toBeGreaterThan(0);
        sum += a;
      }
      expect(Math.abs(sum - 1)).toBeLessThan(1e-15 * 4);
    }
  });

  it('predict is the one-hot of argmax(predictProba); predictClasses is argmax(predictProba)', () => {
    const classes = argmax(proba);
    expect(net.predictClasses(X)).toEqual(classes);
    expect(net.predict(X)).toEqual(oneHot(Array.from(classes), 4));
    expect(new Set(classes).size).toBeGreaterThan(1);
  });

  it('evaluate: accuracy and cross-entropy by hand', () => {
    const classes = argmax(proba);
    const targets = argmax(Y);
    let right = 0;
    let loss = 0;
    for (let j = 0; j < m; j++) {
      if (classes[j] === targets[j]) right++;
      for (let i = 0; i < 4; i++) loss -= Y.data[i * m + j]! * Math.log(proba.data[i * m + j]!);
    }
    const evaluation = net.evaluate(X, Y);
    expect(Object.keys(evaluation).sort()).toEqual(['accuracy', 'cost']);
    expect(evaluation.accuracy).toBe(right / m);
    expect(right).toBeGreaterThan(0);
    expect(right).toBeLessThan(m);
    expect(Math.abs(evaluation.cost - loss / m) / (loss / m)).toBeLessThan(1e-13);
    expect(evaluation.cost).toBe(net.cost(X, Y));
  });

  it('ties go to the first class (predict, predictClasses and evaluate alike)', () => {
    const zero = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });
    const flatNet = ShallowNet.fromParameters({ W1: zero(6, 3), b1: zero(6, 1), W2: zero(4, 6), b2: zero(4, 1) }, { outputActivation: 'softmax', backend });
    expect(Array.from(flatNet.predictProba(X).data.subarray(0, 4))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(Array.from(flatNet.predictClasses(X))).toEqual(new Array(m).fill(0));
    expect(flatNet.predict(X)).toEqual(oneHot(new Array(m).fill(0), 4));
    const targets = argmax(Y);
    const firstClass = targets.filter((c) => c === 0).length;
    expect(flatNet.evaluate(X, Y).accuracy).toBe(firstClass / m);
  });
});

describe.each(backends)('sigmoid evaluation (%s)', (backend) => {
  it('accuracy is the share of all n2·m outputs on the right side of 0.5', () => {
    const { net, X, Y } = trainedNet('sigmoid', 3, backend);
    const proba = net.predictProba(X);
    let right = 0;
    for (let k = 0; k < Y.data.length; k++) if ((proba.data[k]! > 0.5) === (Y.data[k]! > 0.5)) right++;
    const evaluation = net.evaluate(X, Y);
    expect(evaluation.accuracy).toBe(right / Y.data.length);
    expect(right).toBeGreaterThan(0);
    expect(right).toBeLessThan(Y.data.length);
    // predict thresholds at 0.5, and agrees with the accuracy's notion of right.
    const labels = net.predict(X);
    let same = 0;
    for (let k = 0; k < Y.data.length; k++) if (labels.data[k] === Y.data[k]) same++;
    expect(same).toBe(right);
  });
});

describe.each(backends)('linear predictions and evaluation (%s)', (backend) => {
  it('predict is predictProba (the values); mse, r2 and the half squared error by hand', () => {
    const { net, X, Y } = trainedNet('linear', 3, backend);
    const m = X.cols;
    const n2 = 3;
    const values = net.predictProba(X);
    expect(net.predict(X)).toEqual(values);
    expect(() => net.predictClasses(X)).toThrow(RangeError);
    let squares = 0;
    let r2 = 0;
    for (let i = 0; i < n2; i++) {
      let mean = 0;
      for (let j = 0; j < m; j++) mean += Y.data[i * m + j]!;
      mean /= m;
      let residual = 0;
      let total = 0;
      for (let j = 0; j < m; j++) {
        const y = Y.data[i * m + j]!;
        residual += (values.data[i * m + j]! - y) ** 2;
        total += (y - mean) ** 2;
      }
      squares += residual;
      r2 += 1 - residual / total;
    }
    r2 /= n2;
    const evaluation = net.evaluate(X, Y);
    expect(Object.keys(evaluation).sort()).toEqual(['cost', 'mse', 'r2']);
    expect(Math.abs(evaluation.mse! - squares / (n2 * m)) / (squares / (n2 * m))).toBeLessThan(1e-13);
    expect(Math.abs(evaluation.r2! - r2)).toBeLessThan(1e-13);
    expect(Math.abs(evaluation.cost - squares / (2 * m)) / (squares / (2 * m))).toBeLessThan(1e-13);
    // Neither metric is degenerate here.
    expect(r2).toBeGreaterThan(0);
    expect(r2).toBeLessThan(1);
  });

  it('r2 is averaged over outputs, not pooled: outputs of very different spread', () => {
    // W2 = 0, b2 = (1, 0): predicts 1 for output 0 and 0 for output 1, whatever X.
    const zero = (rows: number, cols: number) => ({ rows, cols, data: new Float64Array(rows * cols) });
    const net = ShallowNet.fromParameters(
      { W1: zero(2, 1), b1: zero(2, 1), W2: zero(2, 2), b2: { rows: 2, cols: 1, data: Float64Array.from([1, 0]) } },
      { outputActivation: 'linear', backend },
    );
    const X = { rows: 1, cols: 4, data: Float64Array.from([0, 1, 2, 3]) };
    // Output 0: y = 0, 2, 0, 2 (mean 1): the prediction 1 is the mean, R² = 0.
    // Output 1: y = 10, 0, 0, 0 (mean 2.5): SSres = 100, SStot = 75, R² = 1 − 100/75 = −1/3.
    const Y = { rows: 2, cols: 4, data: Float64Array.from([0, 2, 0, 2, 10, 0, 0, 0]) };
    const evaluation = net.evaluate(X, Y);
    expect(evaluation.r2).toBeCloseTo((0 + (1 - 100 / 75)) / 2, 14);
    // mse: (1 + 1 + 1 + 1 + 100) / 8 = 13; cost = (4 + 100) / (2·4) = 13.
    expect(evaluation.mse).toBeCloseTo(13, 14);
    expect(evaluation.cost).toBeCloseTo(13, 14);
  });
});
