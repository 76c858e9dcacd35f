/**
 * The update step (native/core/optimizer.h does the same, operation for
 * operation): the lecture's gradient descent, and momentum and Adam in the
 * forms of the course's next part (g is a parameter's gradient):
 *
 *   gd        W −= α·g
 *   momentum  v = β·v + (1 − β)·g;                       W −= α·v
 *   adam      v = β1·v + (1 − β1)·g;  s = β2·s + (1 − β2)·g²;  t += 1
 *             W −= α·(v / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε)
 *
 * All or nothing: an update that would make any parameter non-finite changes
 * neither the parameters nor the state.
 */
import type { Optimizer } from '../engine';
import { update } from './network';

export interface OptimizerSettings {
  optimizer: Optimizer;
  beta: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** v and s start at 0; β1ᵗ and β2ᵗ are running products (the same bits as the C++'s). */
export interface OptimizerState {
  v: Float64Array;
  s: Float64Array;
  /** Adam's update is computed into these, then kept (swapped in) only if all finite. */
  nextParams: Float64Array;
  nextV: Float64Array;
  nextS: Float64Array;
  t: number;
  beta1Power: number;
  beta2Power: number;
}

export function newOptimizerState(settings: OptimizerSettings, count: number): OptimizerState {
  return {
    v: new Float64Array(settings.optimizer === 'gd' ? 0 : count),
    s: new Float64Array(settings.optimizer === 'adam' ? count : 0),
    nextParams: new Float64Array(settings.optimizer === 'adam' ? count : 0),
    nextV: new Float64Array(settings.optimizer === 'adam' ? count : 0),
    nextS: new Float64Array(settings.optimizer === 'adam' ? count : 0),
    t: 0,
    beta1Power: 1,
    beta2Power: 1,
  };
}

/** params −= the step for grads (the first params.length values); false, changing nothing, if not finite. */
export function applyUpdate(settings: OptimizerSettings, state: OptimizerState, params: Float64Array, grads: Float64Array, learningRate: number): boolean {
  const count = params.length;
  // The lecture's gradient descent: the same step as a single update() call.
  if (settings.optimizer === 'gd') return update(params, grads, learningRate);
  const { v } = state;
  if (settings.optimizer === 'momentum') {
    const { beta } = settings;
    for (let k = 0; k < count; k++) {
      const velocity = beta * (v[k] as number) + (1 - beta) * (grads[k] as number);
      if (!Number.isFinite(velocity) || !Number.isFinite((params[k] as number) - learningRate * velocity)) return false;
    }
    for (let k = 0; k < count; k++) {
      v[k] = beta * (v[k] as number) + (1 - beta) * (grads[k] as number);
      params[k] = (params[k] as number) - learningRate * (v[k] as number);
    }
    return true;
  }
  // Adam, in one pass (like the native kernel): the new values go to the
  // state's next* arrays, kept only if every one is finite.
  const { s, nextParams, nextV, nextS } = state;
  const { beta1, beta2, epsilon } = settings;
  const correction1 = 1 - state.beta1Power * beta1;
  const correction2 = 1 - state.beta2Power * beta2;
  const rest1 = 1 - beta1;
  const rest2 = 1 - beta2;
  let finite = true;
  for (let k = 0; k < count; k++) {
    const g = grads[k] as number;
    const velocity = beta1 * (v[k] as number) + rest1 * g;
    const square = beta2 * (s[k] as number) + rest2 * (g * g);
    const next = (params[k] as number) - (learningRate * (velocity / correction1)) / (Math.sqrt(square / correction2) + epsilon);
    nextParams[k] = next;
    nextV[k] = velocity;
    nextS[k] = square;
    finite = finite && Number.isFinite(next) && Number.isFinite(square);
  }
  if (!finite) return false;
  params.set(nextParams.subarray(0, count));
  state.v = nextV;
  state.nextV = v;
  state.s = nextS;
  state.nextS = s;
  state.t += 1;
  state.beta1Power *= beta1;
  state.beta2Power *= beta2;
  return true;
}
