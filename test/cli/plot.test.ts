// `shallownet plot`: the decision regions of a two-feature classifier and
// the learning curves, as PNG files that decode to the asked size (or SVG),
// and exit 2 for a model the picture cannot be drawn for.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli, temporaryDirectory } from './run-cli';

const directory = temporaryDirectory();
afterAll(() => directory.remove());
/** Models trained by the command and committed (test/fixtures/cli/make-models.sh): multiclass, binary, regression. */
const models = { shapes: fixture('shapes-model.json'), sides: fixture('sides-model.json'), prices: fixture('prices-model.json') };
const inDirectory = (name: string) => join(directory.path, name);

describe('plot', () => {
  it('draws the decision regions of a two-feature classifier as a PNG of the asked size', async () => {
    const out = inDirectory('boundary.png');
    const result = await runCli(['plot', models.sides, fixture('sides.csv'), '--out', out, '--width', '320', '--height', '240', '--resolution', '50']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`wrote ${out}\n`);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([320, 240]);
  });

  it('writes SVG, with its text, when the name ends in .svg', async () => {
    const out = inDirectory('boundary.svg');
    const result = await runCli(['plot', models.sides, fixture('sides.csv'), '--out', out, '--title', 'sides', '--resolution', '20']);
    expect(result.code).toBe(0);
    const svg = readFileSync(out, 'utf8');
    expect(svg).toMatch(/^<svg/);
    for (const text of ['sides', 'left', 'right', '>x<', '>y<']) expect(svg).toContain(text);
  });

  it('--curves draws the learning curves from the model history, for any model', async () => {
    const out = inDirectory('curves.png');
    const result = await runCli(['plot', models.shapes, '--curves', '--out', out]);
    expect(result.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([640, 480]);
  });

  it('a model of more than two features, a regression model, a wrong extension: exit 2 with the reason', async () => {
    const three = await runCli(['plot', models.shapes, fixture('shapes.csv'), '--out', inDirectory('no.png')]);
    expect(three.code).toBe(2);
    expect(three.stderr).toContain('two features');
    expect(three.stderr).toContain('has 3 ("width", "height", "depth")');
    const regression = await runCli(['plot', models.prices, fixture('prices.csv'), '--out', inDirectory('no.png')]);
    expect(regression.code).toBe(2);
    expect(regression.stderr).toContain('regression');
    const extension = await runCli(['plot', models.sides, fixture('sides.csv'), '--out', inDirectory('boundary.jpg')]);
    expect(extension.code).toBe(2);
    expect(extension.stderr).toContain('.png or .svg');
  });

  it('refuses options that do not apply to the picture asked for, and bad values of them, whichever it is', async () => {
    const out = inDirectory('refused.png');
    const cases: [string[], string][] = [
      [['--curves', '--resolution', 'abc'], '--resolution is for the decision regions; it does not apply to --curves'],
      [['--curves', '--delimiter', 'xyz'], '--delimiter is for the decision regions; it does not apply to --curves'],
      [['--curves', '--width', 'wide'], '--width must be an integer from 200 to 10000, got "wide"'],
      [['--curves', '--title', 'costs'], '--title is drawn only in SVG pictures'],
      [['--curves', '--backend', 'gpu'], '--backend must be one of auto, native, ts, got "gpu"'],
      [[fixture('sides.csv'), '--curves'], '--curves draws from the model alone; unexpected'],
      [[], 'plot needs <data.csv>'],
      [[fixture('sides.csv'), '--resolution', '1'], '--resolution must be an integer from 2 to 2000, got "1"'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['plot', models.sides, ...args, '--out', out])));
    results.forEach((result, k) => {
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(cases[k]![1]);
    });
    expect(existsSync(out)).toBe(false);
  });
});
