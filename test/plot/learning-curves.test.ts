// The learning-curves picture: each epoch's cost where it belongs, in its
// series' colour, a NaN leaving a gap; axes and legend text in the SVG.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { learningCurvesFigure, renderPng, renderSvg, writeFigure } from 'shallownet';
import { pixelX, pixelY, type Color } from '../../lib/plot/figure';
import { TRAINING_COLOR, VALIDATION_COLOR } from '../../lib/plot/learning-curves';
import { WHITE } from '../../lib/plot/palette';

const directory = mkdtempSync(join(tmpdir(), 'shallownet-curves-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function pixel(png: PNG, x: number, y: number): Color {
  const k = (Math.floor(y) * png.width + Math.floor(x)) * 4;
  return [png.data[k]!, png.data[k + 1]!, png.data[k + 2]!];
}

const training = [1, 0.5, 0.25, 0.2];
const validation = [1.1, 0.6, 0.5, 0.55];

describe('learningCurvesFigure', () => {
  it('spans the epochs and the costs (plus 5 %)', () => {
    const figure = learningCurvesFigure({ training, validation });
    expect(figure.area.xDomain[0]).toBeCloseTo(1 - 0.15, 12);
    expect(figure.area.xDomain[1]).toBeCloseTo(4 + 0.15, 12);
    expect(figure.area.yDomain[0]).toBeCloseTo(0.2 - 0.045, 12);
    expect(figure.area.yDomain[1]).toBeCloseTo(1.1 + 0.045, 12);
  });

  it('draws each epoch\'s cost in its series\' colour, at its place in the PNG', async () => {
    const figure = learningCurvesFigure({ training, validation, width: 500, height: 400 });
    const path = join(directory, 'curves.png');
    await writeFigure(path, figure);
    const png = PNG.sync.read(readFileSync(path));
    expect([png.width, png.height]).toEqual([500, 400]);
    training.forEach((cost, k) => expect(pixel(png, pixelX(figure.area, k + 1), pixelY(figure.area, cost))).toEqual(TRAINING_COLOR));
    validation.forEach((cost, k) => expect(pixel(png, pixelX(figure.area, k + 1), pixelY(figure.area, cost))).toEqual(VALIDATION_COLOR));
    // Between epochs 2 and 3 the training line passes through the midpoint; well above it there is nothing.
    expect(pixel(png, pixelX(figure.area, 2.5), pixelY(figure.area, 0.375))).toEqual(TRAINING_COLOR);
    expect(pixel(png, pixelX(figure.area, 2.5), pixelY(figure.area, 0.9))).toEqual(WHITE);
  });

  it('leaves a gap where a cost is NaN', () => {
    const whole = learningCurvesFigure({ training: [1, 0.8, 0.6] });
    const gapped = learningCurvesFigure({ training: [1, NaN, 0.6] });
    const decode = (figure: typeof whole) => PNG.sync.read(renderPng(figure));
    const middle = (figure: typeof whole) => [pixelX(figure.area, 1.5), pixelY(figure.area, 0.9)] as const;
    expect(pixel(decode(whole), ...middle(whole))).toEqual(TRAINING_COLOR);
    expect(pixel(decode(gapped), ...middle(gapped))).toEqual(WHITE);
  });

  it('labels the axes and the series in the SVG', () => {
    const svg = renderSvg(learningCurvesFigure({ training, validation, title: 'Breast cancer', yLabel: 'log loss' }));
    for (const text of ['>epoch</text>', '>log loss</text>', '>training</text>', '>validation</text>', '>Breast cancer</text>']) expect(svg).toContain(text);
    // Epoch ticks are whole numbers only.
    const xTicks = [...svg.matchAll(/text-anchor="middle">([^<]+)<\/text>/g)].map((match) => match[1]);
    expect(xTicks).toEqual(expect.arrayContaining(['1', '2', '3', '4']));
    expect(xTicks).not.toContain('1.5');
  });

  it('refuses series it cannot draw', () => {
    expect(() => learningCurvesFigure({ training: [] })).toThrow(new RangeError('training must be at least one cost, got none'));
    expect(() => learningCurvesFigure({ training: [NaN, NaN] })).toThrow(new RangeError('training must be at least one finite cost, got none'));
    expect(() => learningCurvesFigure({ training: [1, '2'] as never })).toThrow(new TypeError('training[1] must be a number, got "2"'));
    expect(() => learningCurvesFigure({ training, epochs: 3 } as never)).toThrow(/unknown option 'epochs'/);
  });
});
