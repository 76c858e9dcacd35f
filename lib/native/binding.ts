/**
 * The raw addon's type: private to the package, separate from the public API
 * (the addon validates its own arguments, but only lib/net.ts is meant to call it).
 * Internal: not exported from the package index.
 */
import type { Activation, Engine, OutputActivation } from '../engine';

/** What `nativeInfo()` of the addon reports. */
export interface RawNativeInfo {
  blas: string;
  blasCore: string;
  blasCores: string[];
  threads: number;
  napiVersion: number;
  simd: string;
  /** The addon's own limits (native/core/bounds.h), which test/limits.test.ts compares with lib/limits.ts. */
  limits: {
    maxDimension: number;
    maxParameters: number;
    maxThreads: number;
    divergedCostPerOutput: number;
    bytesPerRecord: number;
    probabilitySumTolerance: number;
  };
}

export interface NativeBinding {
  NativeNet: new (
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    activation: Activation,
    params: Float64Array,
    outputActivation: OutputActivation,
  ) => Engine & {
    /** Replaces the parameters (checked: length and finiteness). The binding's own; lib does not use it. */
    setParameters(packed: Float64Array): void;
  };
  nativeInfo(): RawNativeInfo;
  setThreads(threads: number): void;
  /** Seconds taken by the fastest of `repeats` size³ dgemm products. */
  dgemmProbe(size: number, repeats: number): number;
}
