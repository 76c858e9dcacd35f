// The train/test split: sizes, a partition of the examples, reproducibility,
// uniformity over seeds, and stratified shares.
import { describe, expect, it } from 'vitest';
import { fromLabels, matrix, trainTestSplit, type Matrix } from 'shallownet';
import { apportion, splitIndices } from '../../lib/data/split';

/** X (2, m) whose column j holds j and -j, so every column says where it came from. */
function numbered(m: number): Matrix {
  return matrix(2, m, [...Array.from({ length: m }, (_, j) => j), ...Array.from({ length: m }, (_, j) => -j)]);
}

describe('trainTestSplit', () => {
  it('holds out ceil(f · m) examples, the two parts a partition of the columns in their original order', () => {
    const m = 10;
    const X = numbered(m);
    const Y = fromLabels(Array.from({ length: m }, (_, j) => j % 2));
    const split = trainTestSplit(X, Y, { testFraction: 0.25, seed: 7 });
    expect(split.testIndices.length).toBe(3);
    expect(split.trainIndices.length).toBe(7);
    const all = [...split.trainIndices, ...split.testIndices].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: m }, (_, j) => j));
    for (const indices of [split.trainIndices, split.testIndices]) {
      for (let k = 1; k < indices.length; k++) expect(indices[k]!).toBeGreaterThan(indices[k - 1]!);
    }
    // Each part's columns are the original columns at its indices.
    expect(Array.from(split.XTest.data)).toEqual([...split.testIndices, ...Array.from(split.testIndices, (j) => -j)]);
    expect(Array.from(split.YTest.data)).toEqual(Array.from(split.testIndices, (j) => j % 2));
    expect(Array.from(split.XTrain.data.subarray(0, 7))).toEqual(Array.from(split.trainIndices));
    expect(split.seed).toBe(7);
  });

  it('gives the same split for the same seed, and returns the random seed it drew', () => {
    const X = numbered(50);
    const Y = fromLabels(new Array(50).fill(0));
    const a = trainTestSplit(X, Y, { seed: 123 });
    const b = trainTestSplit(X, Y, { seed: 123 });
    const c = trainTestSplit(X, Y, { seed: 124 });
    expect(Array.from(a.testIndices)).toEqual(Array.from(b.testIndices));
    expect(Array.from(a.testIndices)).not.toEqual(Array.from(c.testIndices));
    const drawn = trainTestSplit(X, Y);
    expect(Array.from(trainTestSplit(X, Y, { seed: drawn.seed }).testIndices)).toEqual(Array.from(drawn.testIndices));
  });

  it('splitIndices chooses the same examples as trainTestSplit, without copying any', () => {
    const m = 40;
    const Y = fromLabels(Array.from({ length: m }, (_, j) => (j % 5 === 0 ? 1 : 0)));
    for (const stratify of [false, true]) {
      const split = trainTestSplit(numbered(m), Y, { testFraction: 0.3, seed: 9, stratify });
      const indices = splitIndices(Y, { testFraction: 0.3, seed: 9, stratify });
      expect(Object.keys(indices).sort()).toEqual(['seed', 'testIndices', 'trainIndices']);
      expect(Array.from(indices.trainIndices)).toEqual(Array.from(split.trainIndices));
      expect(Array.from(indices.testIndices)).toEqual(Array.from(split.testIndices));
      expect(indices.seed).toBe(9);
    }
    expect(() => splitIndices(Y, { seed: 2 ** 32 })).toThrow(new RangeError('seed must be an integer from 0 to 4294967295, got 4294967296'));
  });

  it('puts every example in the test part about as often, over many seeds', () => {
    const m = 10;
    const X = numbered(m);
    const Y = fromLabels(new Array(m).fill(1));
    const counts = new Array(m).fill(0);
    for (let seed = 0; seed < 1000; seed++) for (const j of trainTestSplit(X, Y, { testFraction: 0.3, seed }).testIndices) counts[j]++;
    // Each is held out with probability 0.3: 300 of 1000, standard deviation about 14.5.
    for (const count of counts) {
      expect(count).toBeGreaterThan(240);
      expect(count).toBeLessThan(360);
    }
  });

  it('stratified, keeps each class\'s share in both parts', () => {
    // 12 of class 0, 6 of class 1, interleaved; a third held out: 4 and 2.
    const labels = Array.from({ length: 18 }, (_, j) => (j % 3 === 2 ? 1 : 0));
    const Y = fromLabels(labels);
    for (let seed = 0; seed < 20; seed++) {
      const split = trainTestSplit(numbered(18), Y, { testFraction: 1 / 3, seed, stratify: true });
      const testOnes = Array.from(split.YTest.data).filter((y) => y === 1).length;
      expect([split.testIndices.length, testOnes]).toEqual([6, 2]);
    }
    // One-hot: classes of 5, 3 and 2, half held out: 2.5, 1.5, 1 → 3, 1, 1 (the tie at .5 to the first class).
    const classes = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2];
    const oneHot = matrix(3, 10, [0, 1, 2].flatMap((c) => classes.map((k) => (k === c ? 1 : 0))));
    const split = trainTestSplit(numbered(10), oneHot, { testFraction: 0.5, seed: 3, stratify: true });
    const perClass = [0, 1, 2].map((c) => Array.from(split.testIndices).filter((j) => classes[j] === c).length);
    expect(perClass).toEqual([3, 1, 1]);
  });

  it('apportions by largest remainder, never past a group\'s size', () => {
    expect(apportion([5, 3, 2], 5)).toEqual([3, 1, 1]);
    expect(apportion([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(apportion([10, 1], 3)).toEqual([3, 0]);
    expect(apportion([1, 99], 50)).toEqual([1, 49]);
  });

  it('refuses bad options and labels it cannot stratify', () => {
    const X = numbered(10);
    const Y = fromLabels(new Array(10).fill(0));
    expect(() => trainTestSplit(X, Y, { testFraction: 1 })).toThrow(new RangeError('testFraction must be a number in (0, 1), got 1'));
    expect(() => trainTestSplit(X, Y, { testFraction: 0.95 })).toThrow(/testFraction must be small enough to leave a training example of m = 10/);
    expect(() => trainTestSplit(X, Y, { seed: -1 })).toThrow(RangeError);
    expect(() => trainTestSplit(X, Y, { stratify: 'yes' as never })).toThrow(new TypeError('stratify must be a boolean, got "yes"'));
    expect(() => trainTestSplit(X, fromLabels([1, 2]))).toThrow(new RangeError('Y must be 10 columns, one per example as in X, got 2'));
    const regression = fromLabels(Array.from({ length: 10 }, (_, j) => j / 10));
    expect(() => trainTestSplit(X, regression, { stratify: true })).toThrow(new RangeError('Y[0][1] must be 0 or 1 (a class label), got 0.1'));
  });
});
