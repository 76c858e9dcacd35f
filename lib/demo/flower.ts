/**
 * The main job: the course's worked example. Trains a 4-unit tanh network on
 * the 400-point flower data set (α = 1.2, 10 000 iterations), printing the
 * cost every 1 000 iterations, the training accuracy, the backend and the
 * time; then trains the same network on the other backend, for comparison;
 * and draws the course's picture of the result, the decision boundary over
 * the points, to flower-boundary.png in the current directory.
 *
 *   npm run demo
 */
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { decisionBoundaryFigure, loadPlanarDataset, nativeInfo, ShallowNet, writeFigure, type Backend, type Matrix } from '../index';

const HIDDEN_UNITS = 4;
const ITERATIONS = 10_000;
const LEARNING_RATE = 1.2;
const SEED = 3;
/** Written to the current directory: the picture of what the network learnt. */
const PICTURE = 'flower-boundary.png';

function accuracy(predictions: Matrix, Y: Matrix): number {
  let correct = 0;
  for (let k = 0; k < Y.data.length; k++) if (predictions.data[k] === Y.data[k]) correct++;
  return (100 * correct) / Y.data.length;
}

function train(backend: Backend | 'auto', X: Matrix, Y: Matrix, print: boolean) {
  const net = new ShallowNet({ inputSize: 2, hiddenSize: HIDDEN_UNITS, hiddenActivation: 'tanh', seed: SEED, backend });
  const start = performance.now();
  const result = net.fit(X, Y, {
    iterations: ITERATIONS,
    learningRate: LEARNING_RATE,
    progressEvery: 1000,
    ...(print && {
      onProgress: ({ iteration, cost }) => {
        if (iteration < ITERATIONS) console.log(`  cost after iteration ${String(iteration).padStart(5)}: ${cost.toFixed(6)}`);
      },
    }),
  });
  const milliseconds = performance.now() - start;
  return { net, result, milliseconds, accuracy: accuracy(net.predict(X), Y) };
}

const { X, Y } = loadPlanarDataset();
console.log(`flower data set: ${X.cols} points, 2 classes; network 2 → ${HIDDEN_UNITS} tanh → 1 sigmoid`);
console.log(`training: α = ${LEARNING_RATE}, ${ITERATIONS} iterations of full-batch gradient descent\n`);

const main = train('auto', X, Y, true);
console.log(`  final cost: ${main.result.finalCost.toFixed(6)}\n`);
console.log(`backend:           ${main.net.backend}`);
const info = nativeInfo();
if (info.loaded) console.log(`native addon:      ${info.blas} (core ${info.blasCore}, ${info.threads} threads)`);
console.log(`training accuracy: ${main.accuracy.toFixed(1)} %`);
console.log(`time:              ${main.milliseconds.toFixed(1)} ms (${((1000 * main.milliseconds) / ITERATIONS).toFixed(2)} µs per iteration)`);

const other: Backend = main.net.backend === 'native' ? 'ts' : 'native';
if (other === 'ts' || info.loaded) {
  const compare = train(other, X, Y, false);
  const [nativeRun, tsRun] = other === 'ts' ? [main, compare] : [compare, main];
  console.log(`\nsame run on the other backend (${other}): accuracy ${compare.accuracy.toFixed(1)} %, ${compare.milliseconds.toFixed(1)} ms`);
  console.log(`native is ${(tsRun.milliseconds / nativeRun.milliseconds).toFixed(2)}× the speed of the TS backend on this job`);
}

const figure = decisionBoundaryFigure({
  X,
  labels: Y,
  predict: (grid) => main.net.predictClasses(grid),
  classes: ['y = 0', 'y = 1'],
  featureNames: ['x1', 'x2'],
  title: `flower data set: ${HIDDEN_UNITS} tanh units, accuracy ${main.accuracy.toFixed(1)} %`,
});
writeFigure(PICTURE, figure).then(
  () => console.log(`\ndecision boundary: ${resolve(PICTURE)}`),
  (error: unknown) => {
    console.error(`could not write ${PICTURE}: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
