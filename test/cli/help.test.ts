// The program's and each command's help, --version, info, and the exit code
// of a command line that names no command or an unknown one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('help and version', () => {
  it('--help lists the commands; each command has its own --help', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    const commands = ['train', 'evaluate', 'predict', 'plot', 'info'];
    for (const command of commands) expect(help.stdout).toContain(`  ${command} `);
    const own = await Promise.all(commands.map((command) => runCli([command, '--help'])));
    own.forEach((result, k) => {
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: shallownet ${commands[k]}`));
    });
  });

  it('--version prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('no command, or an unknown one, is bad usage', async () => {
    const [none, unknown] = await Promise.all([runCli([]), runCli(['fit'])]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: shallownet <command>');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fit"; the commands are train, evaluate, predict, plot, info');
  });
});

describe('info', () => {
  it('names the backend, and with --json gives the native details', async () => {
    const text = await runCli(['info']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^backend +(native|ts)/m);
    const info = JSON.parse((await runCli(['info', '--json'])).stdout) as Record<string, unknown>;
    expect(info.shallownet).toBe(version);
    if (info.loaded) {
      expect(info).toMatchObject({ backend: 'native' });
      for (const key of ['blas', 'blasCore', 'threads', 'simd', 'from']) expect(info).toHaveProperty(key);
    } else {
      expect(info).toMatchObject({ backend: 'ts' });
      expect(typeof info.reason).toBe('string');
    }
  });
});
