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
      /**
       * The OpenBLAS kernel set running: the best for this CPU, or the one
       * OPENBLAS_CORETYPE names, or — for shallownet alone — SHALLOWNET_BLAS_CORETYPE.
       */
      blasCore: string;
      /** The kernel sets this CPU can run, any of which SHALLOWNET_BLAS_CORETYPE may name. */
      blasCores: string[];
      /**
       * The compute budget: how many threads every native computation in this
       * process may use together (see {@link setThreads}). BLAS itself runs
       * single-threaded; each computation shares its products and passes out
       * among the threads it takes from the budget.
       */
      threads: number;
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
 * Sets the native backend's compute budget: how many threads all networks in
 * this process may compute with at once (default: one per core). A training
 * network takes a share by its size — a tiny one a single thread, a large one
 * the whole budget — and networks training at the same time take turns for
 * what is left, so the total never exceeds the budget. Results are the same
 * bits whatever share of the budget a network gets; a different budget may
 * cut the matrix products differently and so change the last bits. Safe to
 * call while networks train. Raising it
 * above the core count only adds contention. No effect on the TS backend.
 */
export function setThreads(threads: number): void {
  checkInteger(threads, 'threads', 1, MAX_THREADS);
  const native = loadNative();
  if (native.ok) native.binding.setThreads(threads);
}
