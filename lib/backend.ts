/** Choosing the backend that runs a network: the native addon, or the TS fallback. */
import type { Architecture, Engine } from './engine';
import { loadNative, NATIVE_UNAVAILABLE, warnFallbackOnce } from './native/loader';
import { TsNet } from './ts/ts-net';
import type { Backend } from './types';
import { checkChoice } from './validate';

export const BACKEND_CHOICES = ['auto', 'native', 'ts'] as const;

export function checkBackend(value: unknown): Backend | 'auto' {
  return checkChoice(value, 'backend', BACKEND_CHOICES);
}

/** An engine holding `params` (TsNet takes the array as its own, NativeNet copies it: pass one nothing else keeps), on the requested backend ('auto': native if it loads, else TS with one warning). */
export function createEngine(net: Architecture, params: Float64Array, requested: Backend | 'auto'): { engine: Engine; backend: Backend } {
  if (requested === 'ts') return { engine: new TsNet(net, params), backend: 'ts' };
  const native = loadNative();
  if (native.ok) {
    const { inputSize, hiddenSize, outputSize } = net.sizes;
    const engine = new native.binding.NativeNet(inputSize, hiddenSize, outputSize, net.hidden, params, net.output);
    return { engine, backend: 'native' };
  }
  if (requested === 'native') {
    const error = new Error(`backend 'native' was requested, but ${native.reason}`);
    (error as NodeJS.ErrnoException).code = NATIVE_UNAVAILABLE;
    throw error;
  }
  warnFallbackOnce(native.reason);
  return { engine: new TsNet(net, params), backend: 'ts' };
}
