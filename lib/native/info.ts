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
 * Sets the number of BLAS threads for every network in this process (default:
 * one per core). Only affects the native backend.
 */
export function setThreads(threads: number): void {
  if (typeof threads !== 'number') throw new TypeError(`threads must be a number, got ${typeof threads}`);
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024) {
    throw new RangeError(`threads must be an integer from 1 to 1024, got ${threads}`);
  }
  const native = loadNative();
  if (native.ok) native.binding.setThreads(threads);
}
