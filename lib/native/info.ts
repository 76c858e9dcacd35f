import { loadNative } from './loader';

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
    }
  | { loaded: false; reason: string };

/** Reports whether the native addon loads, from where, and which BLAS and thread count it uses. */
export function nativeInfo(): NativeInfo {
  const native = loadNative();
  if (!native.ok) return { loaded: false, reason: native.reason };
  return { loaded: true, from: native.from, ...native.binding.nativeInfo() };
}

/**
 * Sets the number of threads the native backend computes with — BLAS and the
 * element-wise passes alike — for every network in this process. The default
 * is one per core. Networks training at the same time take turns an
 * iteration at a time rather than splitting the cores, so raising this above
 * the core count only adds contention. No effect on the TS backend.
 */
export function setThreads(threads: number): void {
  if (typeof threads !== 'number') throw new TypeError(`threads must be a number, got ${typeof threads}`);
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new RangeError(`threads must be an integer from 1 to 1024, got ${threads}`);
  }
  const native = loadNative();
  if (native.ok) native.binding.setThreads(threads);
}
