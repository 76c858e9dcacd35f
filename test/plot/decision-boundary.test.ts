// The decision-boundary picture: the PNG decodes, its regions have the colour
// of the class the model predicts there and its points the colour of their
// true class, at their positions; the SVG carries the same picture with text.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { decisionBoundaryFigure, fromExamples, renderSvg, writeFigure, type Figure, type Matrix } from 'shallownet';
import { pixelX, pixelY, type Color } from '../../lib/plot/figure';
import { classColor, INK, regionColor, WHITE } from '../../lib/plot/palette';

const directory = mkdtempSync(join(tmpdir(), 'shallownet-plot-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Class 1 on the right (x > 0), except the point at (-1.5, 0): labelled 1, on the class-0 side.
const X = fromExamples([
  [-2, -1],
  [-1, 1],
  [1, -1],
  [2, 1],
  [-1.5, 0],
]);
const labels = [0, 0, 1, 1, 1];
/** The model: class 1 right of x = 0. */
function rightIsOne(G: Matrix): Int32Array {
  return Int32Array.from({ length: G.cols }, (_, j) => (G.data[j]! > 0 ? 1 : 0));
}

/** The decoded PNG of a figure, written as a file and read back. */
async function drawn(figure: Figure, name: string): Promise<PNG> {
  const path = join(directory, name);
  await writeFigure(path, figure);
  return PNG.sync.read(readFileSync(path));
}

function pixel(png: PNG, x: number, y: number): Color {
  const k = (Math.floor(y) * png.width + Math.floor(x)) * 4;
  expect(png.data[k + 3]).toBe(255);
  return [png.data[k]!, png.data[k + 1]!, png.data[k + 2]!];
}

/** The pixel at data point (x, y). */
function at(png: PNG, figure: Figure, x: number, y: number): Color {
  return pixel(png, pixelX(figure.area, x), pixelY(figure.area, y));
}

describe('decisionBoundaryFigure as PNG', () => {
  const figure = decisionBoundaryFigure({ X, labels, predict: rightIsOne, classes: ['left', 'right'], width: 400, height: 300, resolution: 100 });

  it('decodes, at the size asked', async () => {
    const png = await drawn(figure, 'boundary.png');
    expect([png.width, png.height]).toEqual([400, 300]);
  });

  it('spans the data plus 5 % on each side', () => {
    expect(figure.area.xDomain).toEqual([-2 - 0.2, 2 + 0.2]);
    expect(figure.area.yDomain).toEqual([-1 - 0.1, 1 + 0.1]);
  });

  it('colours each region by the predicted class, up to the boundary', async () => {
    const png = await drawn(figure, 'regions.png');
    expect(at(png, figure, -0.5, 0.6)).toEqual(regionColor(0));
    expect(at(png, figure, -0.1, -0.5)).toEqual(regionColor(0));
    expect(at(png, figure, 0.1, -0.5)).toEqual(regionColor(1));
    expect(at(png, figure, 1.5, 0.2)).toEqual(regionColor(1));
    expect(regionColor(0)).not.toEqual(regionColor(1));
  });

  it('draws each point in its true class\'s colour, a misclassified one included, outlined', async () => {
    const png = await drawn(figure, 'points.png');
    labels.forEach((label, j) => expect(at(png, figure, X.data[j]!, X.data[X.cols + j]!)).toEqual(classColor(label)));
    // (-1.5, 0) is class 1 on class 0's region: its colour differs from the region around it.
    expect(at(png, figure, -1.5, 0)).toEqual(classColor(1));
    const cx = pixelX(figure.area, -1.5);
    const cy = pixelY(figure.area, 0);
    expect(pixel(png, cx + 8, cy)).toEqual(regionColor(0));
    // The outline: going right from the centre, the last pixel inside radius 4 is ink.
    const ring = [1, 2, 3, 4, 5].map((d) => pixel(png, cx + d, cy));
    expect(ring).toContainEqual(INK);
  });

  it('frames the plot, with white around it', async () => {
    const png = await drawn(figure, 'frame.png');
    const { left, top, height } = figure.area;
    expect(pixel(png, left, top + height / 2)).toEqual(INK);
    expect(pixel(png, 2, 2)).toEqual(WHITE);
    expect(pixel(png, left - 20, top + 10)).toEqual(WHITE);
  });

  it('leaves no temporary file behind', () => {
    expect(readdirSync(directory).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('decisionBoundaryFigure: the grid and the SVG', () => {
  it('asks the model for the class at every cell centre, row 0 at the top', () => {
    let grid: Matrix | undefined;
    const figure = decisionBoundaryFigure({
      X,
      labels,
      predict: (G) => {
        grid = G;
        return rightIsOne(G);
      },
      resolution: 10,
    });
    expect({ rows: grid!.rows, cols: grid!.cols }).toEqual({ rows: 2, cols: 100 });
    const [x0, x1] = figure.area.xDomain;
    const [y0, y1] = figure.area.yDomain;
    expect(grid!.data[0]).toBeCloseTo(x0 + (x1 - x0) / 20, 12); // first cell: left column…
    expect(grid!.data[100]).toBeCloseTo(y1 - (y1 - y0) / 20, 12); // …top row
    expect(grid!.data[99]).toBeCloseTo(x1 - (x1 - x0) / 20, 12);
    expect(grid!.data[199]).toBeCloseTo(y0 + (y1 - y0) / 20, 12);
  });

  it('accepts whole numbers in a Float64Array, as a one-output net\'s predict(G).data', async () => {
    const figure = decisionBoundaryFigure({ X, labels, predict: (G) => Float64Array.from(rightIsOne(G)), width: 400, height: 300 });
    const png = await drawn(figure, 'float.png');
    expect(at(png, figure, 1.5, 0.2)).toEqual(regionColor(1));
  });

  it('writes SVG text with the regions, the points, the titles and the legend', async () => {
    const path = join(directory, 'boundary.svg');
    const figure = decisionBoundaryFigure({
      X,
      labels,
      predict: rightIsOne,
      classes: ['left', 'right'],
      featureNames: ['x₁', 'x₂'],
      title: 'Left < right & "more"',
      resolution: 50,
    });
    await writeFigure(path, figure);
    const svg = readFileSync(path, 'utf8');
    expect(svg).toBe(renderSvg(figure));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"')).toBe(true);
    expect(svg).toContain('>Left &lt; right &amp; &quot;more&quot;</text>');
    for (const text of ['>x₁</text>', '>x₂</text>', '>left</text>', '>right</text>']) expect(svg).toContain(text);
    // Five data points and two legend dots.
    expect(svg.match(/<circle /g)).toHaveLength(7);
    // Each of the 50 rows of regions is two runs: left of 0 and right of it.
    const fill = (c: Color) => `fill="rgb(${c.join(',')})"`;
    const runs = svg.split('\n').filter((line) => line.startsWith('<rect') && (line.includes(fill(regionColor(0))) || line.includes(fill(regionColor(1)))));
    expect(runs).toHaveLength(100);
  });

  it('refuses what it cannot draw, with the fix in the message', async () => {
    expect(() => decisionBoundaryFigure({ X: fromExamples([[1, 2, 3]]), labels: [0], predict: rightIsOne })).toThrow(
      new RangeError('X must be (2, m): a decision boundary is drawn for two features, got (3, 1)'),
    );
    expect(() => decisionBoundaryFigure({ X, labels: [0, 1], predict: rightIsOne })).toThrow(/labels must be 5 class indices/);
    expect(() => decisionBoundaryFigure({ X, labels, predict: () => new Int32Array(3) })).toThrow(
      /predict\(gridX\) must be 40000 class indices, one per grid column, got 3; predict must return the class of each grid column, e\.g\. \(G\) => net\.predictClasses\(G\)/,
    );
    expect(() => decisionBoundaryFigure({ X, labels, predict: (G) => new Float64Array(G.cols).fill(0.7) })).toThrow(
      /predict\(gridX\)\[0\] must be a class index from 0 to 999, got 0.7/,
    );
    expect(() => decisionBoundaryFigure({ X, labels, predict: (G) => Array.from(rightIsOne(G)) as never })).toThrow(TypeError);
    const figure = decisionBoundaryFigure({ X, labels, predict: rightIsOne, resolution: 4 });
    await expect(writeFigure(join(directory, 'boundary.jpg'), figure)).rejects.toThrow(/path must be a file name ending in \.png or \.svg/);
  });
});
