// The loader's platform names: every target's package name, and the fallback
// warning's list of platforms with prebuilt binaries (one list, in package.json).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { platformName, platformPackageName, PREBUILT_PLATFORMS, unavailableReason } from '../lib/native/loader';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));

// process.platform, process.arch, musl → the platform, and the npm fields
// (os, cpu, libc) its package must declare for npm to pick it.
const TARGETS = [
  { platform: 'linux', arch: 'x64', musl: false, name: 'linux-x64-gnu', libc: 'glibc' },
  { platform: 'linux', arch: 'arm64', musl: false, name: 'linux-arm64-gnu', libc: 'glibc' },
  { platform: 'win32', arch: 'x64', musl: false, name: 'win32-x64', libc: undefined },
  { platform: 'darwin', arch: 'arm64', musl: false, name: 'darwin-arm64', libc: undefined },
  { platform: 'darwin', arch: 'x64', musl: false, name: 'darwin-x64', libc: undefined },
  { platform: 'linux', arch: 'x64', musl: true, name: 'linux-x64-musl', libc: 'musl' },
  { platform: 'linux', arch: 'arm64', musl: true, name: 'linux-arm64-musl', libc: 'musl' },
] as const;

describe('platform names', () => {
  it.each(TARGETS)('$platform $arch (musl: $musl) is $name', ({ platform, arch, musl, name }) => {
    expect(platformName(platform, arch, musl)).toBe(name);
  });

  it('libc is part of the name on Linux only', () => {
    expect(platformName('darwin', 'arm64', true)).toBe('darwin-arm64');
    expect(platformName('win32', 'x64', true)).toBe('win32-x64');
  });

  it('this process asks for its own platform package', () => {
    const glibc = (process.report.getReport() as { header: { glibcVersionRuntime?: string } }).header.glibcVersionRuntime;
    const musl = process.platform === 'linux' && glibc === undefined;
    expect(platformPackageName()).toBe(`shallownet-${platformName(process.platform, process.arch, musl)}`);
  });
});

describe('prebuilt platforms: one list', () => {
  it('PREBUILT_PLATFORMS is package.json binary.platforms', () => {
    expect(PREBUILT_PLATFORMS).toEqual(packageJson.binary.platforms);
    expect(PREBUILT_PLATFORMS).toEqual(['linux-x64-gnu', 'linux-arm64-gnu', 'win32-x64']);
  });

  it('every listed platform has npm/<platform>/package.json with the right name, os, cpu, libc and version, and no other does', () => {
    const folders = readdirSync(`${root}npm`).filter((dir) => existsSync(`${root}npm/${dir}/package.json`));
    expect(folders.sort()).toEqual([...PREBUILT_PLATFORMS].sort());
    for (const name of PREBUILT_PLATFORMS) {
      const target = TARGETS.find((t) => t.name === name);
      if (target === undefined) throw new Error(`${name} is not a known target`);
      const manifest = JSON.parse(readFileSync(`${root}npm/${name}/package.json`, 'utf8'));
      expect(manifest.name).toBe(`shallownet-${name}`);
      expect(manifest.version).toBe(packageJson.version);
      expect(manifest.os).toEqual([target.platform]);
      expect(manifest.cpu).toEqual([target.arch]);
      expect(manifest.libc).toEqual(target.libc === undefined ? undefined : [target.libc]);
      expect(manifest.main).toBe('shallownet.node');
    }
  });
});

describe('the fallback warning', () => {
  const failures = ['local build: not installed', 'platform package shallownet-x: not installed'];
  const list = 'Prebuilt binaries exist for linux-x64-gnu, linux-arm64-gnu, win32-x64.';

  it.each(TARGETS)('on $name it lists the platforms with prebuilt binaries and says what to do', ({ name }) => {
    const reason = unavailableReason(name, failures);
    expect(reason).toContain(`no native shallownet binary could be loaded for ${name} (${failures.join('; ')})`);
    expect(reason).toContain(list);
    if (PREBUILT_PLATFORMS.includes(name)) {
      expect(reason).toContain(`reinstall with optional dependencies enabled`);
      expect(reason).toContain(`so shallownet-${name} is installed`);
      expect(reason).not.toContain('build the addon from a clone');
    } else {
      expect(reason).toContain('build the addon from a clone of the shallownet repository');
      expect(reason).toContain('SHALLOWNET_NATIVE_PATH');
      expect(reason).not.toContain('reinstall');
    }
  });
});
