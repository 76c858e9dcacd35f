import { loadNative } from './loader';
import { MAX_THREADS } from '../limits';
import { checkInteger } from '../validate';

/** What {@link nativeInfo} reports about the native backend. */
export type NativeInfo =
  | {
      loaded: true;
      /** Where the addon came from: the local build's path, or the platform package. */
      from: string;
      /** The BLAS it was built with, e.g. 'OpenBLAS 0.3.21 … Zen …'. */
      blas: string;
      /** The CPU kernel set the BLAS chose for this machine. */
      blasCore: string;
      /** BLAS threads in use (see {@link setThreads}). */
      threads: number;
      /** Threads of the element-wise passes (activations, their derivatives), the caller's included. */
      elementwiseThreads: number;
      /** The Node-API version the binary was built for. */
      napiVersion: number;
      /** The build of the element-wise kernels chosen for this CPU: 'avx512', 'avx2', 'baseline' or 'neon'. */
      simd: string;
    }
  | { loaded: false; reason: string };

/** Reports whether the native addon loads, from where, and which BLAS and thread count it uses. */
export function nativeInfo(): NativeInfo {
  const native = loadNative();
  if (!native.ok) return { loaded: false, reason: native.reason };
  const { limits: _limits, ...info } = native.binding.nativeInfo();
  return { loaded: true, from: native.from, ...info };
}

/**
 * Sets the number of threads the native backend computes with — BLAS and the
 * element-wise passes alike — for every network in this process. The default
 * is one per core. Networks training at the same time take turns an
 * iteration at a time rather than splitting the cores, so raising this above
 * the core count only adds contention. No effect on the TS backend.
 */
export function setThreads(threads: number): void {
  checkInteger(threads, 'threads', 1, MAX_THREADS);
  const native = loadNative();
  if (native.ok) native.binding.setThreads(threads);
}
