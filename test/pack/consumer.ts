// A consumer of the published types: this must type-check with tsc --strict.
import { ShallowNet, fromExamples, fromLabels, type FitResult, type Matrix, type Parameters } from 'shallownet';

const X: Matrix = fromExamples([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y: Matrix = fromLabels([0, 1, 1, 0]);
const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, hiddenActivation: 'tanh', seed: 1, backend: 'auto' });
const result: FitResult = net.fit(X, Y, { iterations: 10, learningRate: 1.2, onProgress: ({ iteration, cost }) => void [iteration, cost] });
const parameters: Parameters = net.parameters();
const backend: 'native' | 'ts' = net.backend;
async function train(signal: AbortSignal): Promise<number> {
  const { finalCost } = await net.fitAsync(X, Y, { iterations: 10, learningRate: 1.2, signal, tolerance: 1e-9 });
  return finalCost;
}
void [result.costs, parameters.W1.rows, backend, train];
