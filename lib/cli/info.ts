/**
 * `shallownet info`: what runs the maths on this machine — the native addon
 * (where it was loaded from, its BLAS, threads and SIMD kernels) or, if it
 * cannot load, why not and that the TypeScript backend takes over.
 */
import { nativeInfo } from '../native/info';
import { defineCommand } from './command';
import { EXIT_SUCCESS } from './exit-codes';
import { printResult } from './terminal';
import { packageVersion } from './version';

const HELP = `Usage: shallownet info [--json]

Shows which backend trains networks here (the native addon, or the TypeScript
fallback and why), where the addon came from, its BLAS, threads and SIMD kernels.

Options:
      --json   print it as one JSON object`;

export const infoCommand = defineCommand({
  name: 'info',
  help: HELP,
  options: { json: { type: 'boolean' } },
  positionals: [],
  async run(values) {
    const info = nativeInfo();
    const runtime = { shallownet: packageVersion(), node: process.version, platform: `${process.platform}-${process.arch}` };
    if (values.json) {
      printResult(JSON.stringify({ ...runtime, backend: info.loaded ? 'native' : 'ts', ...info }));
      return EXIT_SUCCESS;
    }
    const rows: [string, string][] = [
      ['shallownet', runtime.shallownet],
      ['node', `${runtime.node} (${runtime.platform})`],
    ];
    if (info.loaded) {
      rows.push(
        ['backend', 'native'],
        ['addon', info.from],
        ['BLAS', info.blas],
        ['BLAS kernels', `${info.blasCore} (this CPU runs: ${info.blasCores.join(', ')})`],
        ['threads', String(info.threads)],
        ['SIMD', info.simd],
        ['Node-API', String(info.napiVersion)],
      );
    } else {
      rows.push(['backend', 'ts (the native addon did not load)'], ['reason', info.reason]);
    }
    const width = Math.max(...rows.map(([name]) => name.length));
    printResult(rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n'));
    return EXIT_SUCCESS;
  },
});
