// Validation examples are reported on, never trained on: a fit with
// validationData leaves the same parameters, bit for bit, as the same fit
// without; and each record's validation figures are those of the parameters
// as they were at that record (the cost with the L2 term).
//
// Regression: in full-batch training the record came between the forward
// pass and backpropagation, and scoring the validation examples reused the
// work buffers, so every recorded update (every progressEvery-th) followed a
// gradient partly computed on the validation examples.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Backend, type FitOptions, type OutputActivation, type Progress } from 'shallownet';
import { backends } from '../helpers';
import { expectSameBits, flat, problem } from './common';

const heads: { head: OutputActivation; n2: number }[] = [
  { head: 'sigmoid', n2: 1 },
  { head: 'softmax', n2: 3 },
  { head: 'linear', n2: 2 },
];

function setup(head: OutputActivation, n2: number, backend: Backend, mTrain: number, mValidation: number) {
  const train = problem(head, 300 + n2, 3, 6, n2, mTrain);
  const validation = problem(head, 400 + n2, 3, 6, n2, mValidation);
  const net = () => ShallowNet.fromParameters(train.parameters, { hiddenActivation: 'tanh', outputActivation: head, backend });
  return { train, validation: { X: validation.X, Y: validation.Y }, net };
}

function sumOfSquaredWeights(net: ShallowNet): number {
  const { W1, W2 } = net.parameters();
  let sum = 0;
  for (const w of [...W1.data, ...W2.data]) sum += w * w;
  return sum;
}

const trainings: [string, FitOptions][] = [
  ['full batch, a record every update', { iterations: 12, learningRate: 0.3, progressEvery: 1 }],
  ['full batch, a record every 5 updates', { iterations: 12, learningRate: 0.3, progressEvery: 5, optimizer: 'momentum' }],
  ['mini-batches', { epochs: 3, batchSize: 7, learningRate: 0.1, seed: 4, optimizer: 'adam', l2: 0.2 }],
];

describe.each(backends)('validation examples do not change training (%s)', (backend) => {
  for (const { head, n2 } of heads) {
    for (const [label, options] of trainings) {
      for (const [mTrain, mValidation] of [[30, 11], [20, 45]]) {
        it(`${head}, ${label}, m = ${mTrain}, ${mValidation} validation examples: the same parameters bit for bit`, () => {
          const { train, validation, net } = setup(head, n2, backend, mTrain, mValidation);
          const without = net();
          const plain = without.fit(train.X, train.Y, options);
          const withValidation = net();
          const watched = withValidation.fit(train.X, train.Y, { ...options, validationData: validation });
          expectSameBits(flat(withValidation.parameters()), flat(without.parameters()), 'parameters');
          expect(watched.costs).toEqual(plain.costs);
          expect(watched.finalCost).toBe(plain.finalCost);
          expect(watched.history.every((h) => h.validationCost !== undefined)).toBe(true);
        });
      }
    }

    it(`${head}: each full-batch record's validation cost and metric are those of the parameters after its iteration`, () => {
      const { train, validation, net } = setup(head, n2, backend, 25, 13);
      const l2 = 0.3;
      const options = { learningRate: 0.3, progressEvery: 2, l2 } as const;
      const reports: Progress[] = [];
      const result = net().fit(train.X, train.Y, { ...options, iterations: 7, validationData: validation, onProgress: (p) => reports.push(p) });
      // Records before updates 0, 2, 4, 6, and the end, after update 7: in history and onProgress alike.
      expect(result.history.map((h) => h.iteration)).toEqual([0, 2, 4, 6, 7]);
      expect(reports).toEqual(result.history);
      expect(result.costs).toHaveLength(4);
      for (const record of reports) {
        const at = net();
        if (record.iteration > 0) at.fit(train.X, train.Y, { ...options, iterations: record.iteration });
        const evaluation = at.evaluate(validation.X, validation.Y);
        const want = evaluation.cost + (l2 / (2 * validation.X.cols)) * sumOfSquaredWeights(at);
        expect(Math.abs((record.validationCost as number) - want) / want, `record ${record.iteration}`).toBeLessThan(1e-13);
        if (head === 'linear') expect(record.validationR2).toBeCloseTo(evaluation.r2 as number, 12);
        else expect(record.validationAccuracy).toBe(evaluation.accuracy);
      }
    });
  }
});
