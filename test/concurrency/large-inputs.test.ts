// fitAsync on large inputs: the call returns at once and the event loop never
// waits long, whatever the size of X, because large inputs are checked and
// copied a piece per turn of the event loop; and X and Y backed by a
// SharedArrayBuffer are not copied at all, but read in place.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { computeCost, ShallowNet, TrainingAbortedError, type Matrix } from 'shallownet';
import { backends, bitsEqual, expectSameBits, flat, nativeAvailable, watchTimerGaps } from '../helpers';

/** A (rows, cols) matrix of cheap deterministic values, optionally in a SharedArrayBuffer. */
function filledMatrix(rows: number, cols: number, value: (k: number) => number, shared = false): Matrix {
  const data = shared ? new Float64Array(new SharedArrayBuffer(8 * rows * cols)) : new Float64Array(rows * cols);
  for (let k = 0; k < data.length; k++) data[k] = value(k);
  return { rows, cols, data };
}

/**
 * Starts fitAsync and watches the event loop until the first progress report
 * (by then X and Y have been checked and copied): how long the call itself
 * took, and the longest a 1 ms timer waited meanwhile.
 */
async function watchStart(net: ShallowNet, X: Matrix, Y: Matrix) {
  const watch = watchTimerGaps(1);
  let started!: () => void;
  const firstReport = new Promise<void>((resolve) => (started = resolve));
  const before = performance.now();
  const training = net.fitAsync(X, Y, { iterations: 2, learningRate: 0.01, progressEvery: 1, onProgress: () => started() });
  const call = performance.now() - before;
  watch.restart(); // the call is timed on its own
  await firstReport;
  const untilTraining = performance.now() - before;
  const { largestGap } = watch.stop();
  await training;
  return { call, largestGap, untilTraining };
}

describe.each(backends)('fitAsync on large inputs (%s)', (backend) => {
  // Each piece takes a few milliseconds; the bounds leave room for a garbage
  // collection or a loaded 2-core machine while staying well under what they
  // guard against (before pieces, the L shape's call and copy held the loop
  // for 190–200 ms, and a 600 MB X for seconds).
  const callBound = 50;
  const gapBound = 100;

  it(`the first call on the L shape (X 63 MB): the call takes under ${callBound} ms, and no turn of the event loop over ${gapBound} ms`, async () => {
    const X = filledMatrix(784, 10_000, (k) => Math.sin(k));
    const Y = filledMatrix(10, 10_000, (k) => k % 2);
    const net = new ShallowNet({ inputSize: 784, hiddenSize: 8, outputSize: 10, seed: 1, backend });
    const { call, largestGap, untilTraining } = await watchStart(net, X, Y);
    console.log(`[${backend}] L, first call: fitAsync returned in ${call.toFixed(1)} ms; largest event-loop gap ${largestGap.toFixed(1)} ms before training started (${untilTraining.toFixed(0)} ms)`);
    expect(call).toBeLessThan(callBound);
    expect(largestGap).toBeLessThan(gapBound);
  });

  it.runIf(backend === 'native' && nativeAvailable)(`an X of 600 MB: the call takes under ${callBound} ms, and no turn of the event loop over ${gapBound} ms`, async () => {
    const X = filledMatrix(600, 125_000, (k) => (k % 7) - 3);
    const Y = filledMatrix(1, 125_000, (k) => k % 2);
    const net = new ShallowNet({ inputSize: 600, hiddenSize: 1, seed: 1, backend });
    const { call, largestGap, untilTraining } = await watchStart(net, X, Y);
    console.log(`[${backend}] 600 MB: fitAsync returned in ${call.toFixed(1)} ms; largest event-loop gap ${largestGap.toFixed(1)} ms before training started (${untilTraining.toFixed(0)} ms)`);
    expect(call).toBeLessThan(callBound);
    expect(largestGap).toBeLessThan(gapBound);
  });

  it('a bad value far into a large X rejects with the RangeError naming it, from the checks made in pieces', async () => {
    const X = filledMatrix(100, 60_000, (k) => (k === 5_999_999 ? NaN : 0.5));
    const Y = filledMatrix(1, 60_000, () => 1);
    const net = new ShallowNet({ inputSize: 100, hiddenSize: 2, seed: 1, backend });
    await expect(net.fitAsync(X, Y, { iterations: 1, learningRate: 0.1 })).rejects.toThrow(
      /^X must be finite everywhere \(no NaN or ±Infinity\), got X\[99\]\[59999\] = NaN$/,
    );
    expect(net.training).toBe(false);
  });

  describe('targets far into large inputs, checked in pieces, reject with the RangeError naming them and change nothing', () => {
    // 2 × 300 000 values each: past a piece (2**19 values), so checked over several turns of the event loop.
    const m = 300_000;
    const X = filledMatrix(2, m, (k) => Math.sin(k));
    // One-hot columns of class 0, but the last column sums to 0.5.
    const softmaxY = filledMatrix(2, m, (k) => (k < m ? (k === m - 1 ? 0.5 : 1) : 0));
    const oneHot = filledMatrix(2, m, (k) => (k < m ? 1 : 0));
    const column = (name: string) =>
      new RegExp(`^${name.replace('.', '\\.')} must be probability columns summing to 1 \\(targets of a softmax output; one-hot for labels\\), got column ${m - 1} summing to 0\\.5$`);
    const cases = [
      { name: 'a softmax Y column', head: 'softmax', Y: softmaxY, validation: undefined, message: column('Y') },
      { name: "a softmax validationData.Y column", head: 'softmax', Y: oneHot, validation: { X, Y: softmaxY }, message: column('fitAsync options.validationData.Y') },
      {
        name: 'a NaN in a linear Y',
        head: 'linear',
        Y: filledMatrix(1, m, (k) => (k === m - 1 ? NaN : k - m / 2)),
        validation: undefined,
        message: /^Y must be finite everywhere \(no NaN or ±Infinity\), got Y\[0\]\[299999\] = NaN$/,
      },
    ] as const;
    it.each(cases)('$name', async ({ head, Y, validation, message }) => {
      const net = new ShallowNet({ inputSize: 2, hiddenSize: 2, outputSize: Y.rows, outputActivation: head, seed: 1, backend });
      const before = net.parameters().W1.data.slice();
      await expect(net.fitAsync(X, Y, { iterations: 1, learningRate: 0.1, ...(validation && { validationData: validation }) })).rejects.toThrow(message);
      expect(net.training).toBe(false);
      expect(bitsEqual(net.parameters().W1.data, before)).toBe(true);
    });
  });

  it('SharedArrayBuffer-backed X and Y are read in place: the same result as a copy, and writes during training are seen', async () => {
    const value = (k: number) => Math.sin(k * 0.7);
    const label = (k: number) => (Math.cos(k) > 0 ? 1 : 0);
    const make = () => new ShallowNet({ inputSize: 3, hiddenSize: 5, seed: 4, backend });
    const options = { iterations: 40, learningRate: 0.5, progressEvery: 10 };

    const copied = make();
    await copied.fitAsync(filledMatrix(3, 500, value), filledMatrix(1, 500, label), options);
    const shared = make();
    await shared.fitAsync(filledMatrix(3, 500, value, true), filledMatrix(1, 500, label, true), options);
    expectSameBits(flat(shared.parameters()), flat(copied.parameters()), 'parameters read in place vs copied');

    // Flip every label at the first report, then let training run on for at
    // least 50 more reports and 300 ms before aborting it: a net reading Y in
    // place has spent nearly all its iterations on the new labels, so it fits
    // them, not the old ones. Reports are queued and delivered in batches, so
    // the 50 after the flip may include some produced before it; the 300 ms
    // make sure training ran on the flipped labels whatever the batching.
    // (Flipping at the first report of a 40-iteration fit would race the
    // training thread, which may finish before the report is delivered.)
    const Xs = filledMatrix(3, 500, value, true);
    const Ys = filledMatrix(1, 500, label, true);
    const original = filledMatrix(1, 500, label);
    const flipped = make();
    const controller = new AbortController();
    let reportsSinceFlip = -1;
    let flippedAt = 0;
    const training = flipped.fitAsync(Xs, Ys, {
      iterations: 10_000_000,
      learningRate: 0.5,
      progressEvery: 200,
      signal: controller.signal,
      onProgress: () => {
        if (reportsSinceFlip < 0) {
          for (let k = 0; k < 500; k++) Ys.data[k] = 1 - (Ys.data[k] as number);
          flippedAt = performance.now();
        }
        if (++reportsSinceFlip >= 50 && performance.now() - flippedAt >= 300) controller.abort();
      },
    });
    await expect(training).rejects.toThrow(TrainingAbortedError);
    const A2 = flipped.predictProba(Xs);
    expect(computeCost(A2, Ys)).toBeLessThan(computeCost(A2, original));
  });
});
