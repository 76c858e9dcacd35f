// Analytic gradients against centred finite differences of the cost.
import { describe, expect, it } from 'vitest';
import { ShallowNet, type Parameters } from 'shallownet';
import { activations, backends, bernoulliMatrix, gaussianMatrix, Random, randomParameters } from './helpers';

const STEP = 1e-5;

function costAt(parameters: Parameters, activation: (typeof activations)[number], backend: 'native' | 'ts', X: any, Y: any) {
  return ShallowNet.fromParameters(parameters, { hiddenActivation: activation, backend }).cost(X, Y);
}

describe.each(backends)('gradient check (%s)', (backend) => {
  it.each(activations)('%s: analytic gradients match centred differences to < 1e-7', (activation) => {
    const random = new Random(11);
    const n0 = 3;
    const n1 = 4;
    const n2 = 2;
    const m = 12;
    const parameters = randomParameters(random, n0, n1, n2);
    const X = gaussianMatrix(random, n0, m);
    const Y = bernoulliMatrix(random, n2, m);
    const net = ShallowNet.fromParameters(parameters, { hiddenActivation: activation, backend });
    const analytic = net.gradients(X, Y);

    const numericAll: number[] = [];
    const analyticAll: number[] = [];
    for (const [name, gradName] of [['W1', 'dW1'], ['b1', 'db1'], ['W2', 'dW2'], ['b2', 'db2']] as const) {
      const values = parameters[name].data;
      for (let k = 0; k < values.length; k++) {
        const original = values[k];
        values[k] = original + STEP;
        const plus = costAt(parameters, activation, backend, X, Y);
        values[k] = original - STEP;
        const minus = costAt(parameters, activation, backend, X, Y);
        values[k] = original;
        numericAll.push((plus - minus) / (2 * STEP));
        analyticAll.push(analytic[gradName].data[k]);
      }
    }
    // ‖g − g_num‖ / (‖g‖ + ‖g_num‖), the course's gradient-check measure.
    let difference = 0;
    let normA = 0;
    let normN = 0;
    for (let k = 0; k < numericAll.length; k++) {
      difference += (analyticAll[k] - numericAll[k]) ** 2;
      normA += analyticAll[k] ** 2;
      normN += numericAll[k] ** 2;
    }
    const relative = Math.sqrt(difference) / (Math.sqrt(normA) + Math.sqrt(normN));
    expect(normA).toBeGreaterThan(1e-6); // a zero gradient would pass trivially
    expect(relative).toBeLessThan(1e-7);
  });
});
