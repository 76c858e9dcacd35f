/**
 * Finds and loads the native addon, or says exactly why it could not.
 *
 * Order: a local build (build/Release, for contributors), then the prebuilt
 * binary of this platform's package (shallownet-<platform>-<arch>[-<libc>],
 * an optional dependency). The Node-API version is checked before any
 * `require`: loading a binary built for a newer Node-API can crash the process
 * instead of throwing.
 */
import * as path from 'node:path';
import type { NativeBinding } from './binding';

const binary = (require('../../package.json') as { binary: { napi_versions: number[]; platforms: string[] } }).binary;

/**
 * The Node-API version the binaries are built against: written once, in
 * package.json's binary.napi_versions (CMakeLists.txt reads it there too).
 */
export const REQUIRED_NAPI_VERSION: number = binary.napi_versions[0] as number;

/**
 * The platforms with a prebuilt binary (package shallownet-<platform>, built
 * from npm/<platform>/): written once, in package.json's binary.platforms,
 * which `npm run pack` narrows to the platforms it actually packed.
 */
export const PREBUILT_PLATFORMS: readonly string[] = Object.freeze([...binary.platforms]);

export type LoadResult =
  | { ok: true; binding: NativeBinding; from: string }
  | { ok: false; reason: string };

let cached: LoadResult | undefined;

/**
 * The platform name of a process: `<process.platform>-<process.arch>`, with
 * `-gnu` or `-musl` on Linux, e.g. `linux-x64-gnu`, `win32-x64`, `darwin-arm64`.
 */
export function platformName(platform: string, arch: string, musl: boolean): string {
  return `${platform}-${arch}${platform === 'linux' ? (musl ? '-musl' : '-gnu') : ''}`;
}

/** The platform package name for this process, e.g. `shallownet-linux-x64-gnu`. */
export function platformPackageName(): string {
  return `shallownet-${platformName(process.platform, process.arch, process.platform === 'linux' && isMusl())}`;
}

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime === undefined;
}

function candidates(): { label: string; request: string }[] {
  const root = path.resolve(__dirname, '..', '..');
  const fromEnv = process.env.SHALLOWNET_NATIVE_PATH;
  return [
    ...(fromEnv ? [{ label: `SHALLOWNET_NATIVE_PATH (${fromEnv})`, request: path.resolve(fromEnv) }] : []),
    { label: 'local build', request: path.join(root, 'build', 'Release', 'shallownet.node') },
    { label: `platform package ${platformPackageName()}`, request: platformPackageName() },
  ];
}

/**
 * Requires the addon with OPENBLAS_NUM_THREADS=1, unless the user set it:
 * the addon runs BLAS single-threaded and shares products out among its own
 * threads, so OpenBLAS's thread pool (which a system OpenBLAS starts when it
 * loads, one thread per core) would only sit idle. The variable is removed
 * again afterwards, so neither the user nor child processes see it.
 */
function requireWithBlasSettings(request: string): unknown {
  const key = 'OPENBLAS_NUM_THREADS';
  const chosen = process.env[key] !== undefined;
  if (!chosen) process.env[key] = '1';
  try {
    return require(request);
  } finally {
    if (!chosen) delete process.env[key];
  }
}

function isBinding(value: unknown): value is NativeBinding {
  return typeof value === 'object' && value !== null && typeof (value as NativeBinding).NativeNet === 'function';
}

/** Loads the addon once per process; later calls return the same result. */
export function loadNative(): LoadResult {
  if (cached !== undefined) return cached;
  cached = tryLoad();
  return cached;
}

function tryLoad(): LoadResult {
  const napi = Number(process.versions.napi ?? 0);
  if (!(napi >= REQUIRED_NAPI_VERSION)) {
    return {
      ok: false,
      reason:
        `this Node.js supports Node-API ${napi || 'unknown'}, but the native addon needs Node-API ` +
        `${REQUIRED_NAPI_VERSION} (Node.js 18.17 or newer). Upgrade Node.js to use the native backend.`,
    };
  }
  const failures: string[] = [];
  for (const { label, request } of candidates()) {
    try {
      const binding: unknown = requireWithBlasSettings(request);
      if (isBinding(binding)) return { ok: true, binding, from: label === 'local build' ? request : label };
      failures.push(`${label}: loaded, but it is not a shallownet addon`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'MODULE_NOT_FOUND' && (error as Error).message.includes(request)) {
        failures.push(`${label}: not installed`);
      } else {
        failures.push(`${label}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  return { ok: false, reason: unavailableReason(platformPackageName().slice('shallownet-'.length), failures) };
}

/**
 * Why no binary loaded on `platform` (a {@link platformName}), given what each
 * candidate said, and what to do: reinstall where a prebuilt binary exists,
 * build from source elsewhere. Names the platforms that have prebuilt binaries.
 */
export function unavailableReason(platform: string, failures: readonly string[]): string {
  const name = `shallownet-${platform}`;
  return (
    `no native shallownet binary could be loaded for ${platform} ` +
    `(${failures.join('; ')}). Prebuilt binaries exist for ${PREBUILT_PLATFORMS.join(', ')}. ` +
    (PREBUILT_PLATFORMS.includes(platform)
      ? `Fix: reinstall with optional dependencies enabled (npm install shallownet, without --omit=optional ` +
        `or --no-optional) so ${name} is installed.`
      : `On this platform: build the addon from a clone of the shallownet repository (npm ci && npm run build:native; ` +
        `needs CMake, a C++ compiler and OpenBLAS) and set SHALLOWNET_NATIVE_PATH to its build/Release/shallownet.node.`)
  );
}

/** The code of the fallback warning, and of the Error when backend 'native' was requested but cannot load. */
export const NATIVE_UNAVAILABLE = 'SHALLOWNET_NATIVE_UNAVAILABLE';

let warned = false;

/** Emits the fallback warning, once per process. */
export function warnFallbackOnce(reason: string): void {
  if (warned) return;
  warned = true;
  process.emitWarning(`shallownet: using the TypeScript backend: ${reason}`, {
    code: NATIVE_UNAVAILABLE,
  });
}
