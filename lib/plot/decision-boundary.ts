/**
 * The course's picture of a classifier on two features: the plane coloured by
 * the class the model predicts at each point, and the data on top, each point
 * coloured by its true class — so the boundary, and the points on its wrong
 * side, can be seen at a glance.
 */
import { invalidType, invalidValue, received } from '../argument-error';
import { toClassIndices } from '../class-indices';
import { MAX_CLASSES } from '../limits';
import type { Matrix } from '../matrix';
import { checkFinite, checkInteger, checkKnownKeys, checkMatrix, checkObject } from '../validate';
import { axesShapes } from './axes';
import { pixelX, pixelY, type Figure, type PlotArea, type Shape } from './figure';
import { legendShapes, legendWidth } from './legend';
import { checkPixels, checkText, checkTextList } from './options';
import { classColor, INK, regionColor, WHITE } from './palette';

/** Options of {@link decisionBoundaryFigure}. */
export interface DecisionBoundaryOptions {
  /** The data: (2, m), feature 0 across, feature 1 up. */
  X: Matrix;
  /** The true class of each example: class indices, or a label matrix Y (0/1 row or one-hot; see {@link toClassIndices}). */
  labels: Matrix | Int32Array | ArrayLike<number>;
  /**
   * The model: the class of each column of a (2, n) grid of points in the same
   * feature space as X — class indices as an Int32Array, or as whole numbers in
   * a Float64Array (so `(G) => net.predict(G).data` serves a one-output net and
   * `(G) => net.predictClasses(G)` any net). If the model was trained on
   * scaled features, scale inside: `(G) => net.predictClasses(scaler.transform(G))`.
   */
  predict: (gridX: Matrix) => Int32Array | Float64Array;
  /** Class names for the legend, in class order. */
  classes?: readonly string[];
  /** The two features' names, for the axis titles. */
  featureNames?: readonly string[];
  title?: string;
  /** Grid cells along each axis, each one prediction. Default 200 (40 000 predictions). */
  resolution?: number;
  /** Pixels. Default 640 × 480. */
  width?: number;
  height?: number;
}

const OPTIONS = ['X', 'labels', 'predict', 'classes', 'featureNames', 'title', 'resolution', 'width', 'height'] as const;
/** Margin around the data, as a share of its range on each axis. */
const PADDING = 0.05;
const POINT_RADIUS = 4;
/** Grid cells along each axis: at least 2, and at most 2000 (4 million predictions). */
export const RESOLUTION = { fallback: 200, min: 2, max: 2000 } as const;

/**
 * The decision-boundary figure of a classifier on two features: draw it with
 * {@link writeFigure} (PNG or SVG) or {@link renderSvg} / {@link renderPng}.
 * The plane spans the data's range on each axis plus 5 % either side.
 *
 * @example
 * const figure = decisionBoundaryFigure({ X, labels: Y, predict: (G) => net.predict(G).data });
 * await writeFigure('boundary.png', figure);
 */
export function decisionBoundaryFigure(options: DecisionBoundaryOptions): Figure {
  const given = checkObject(options, 'decisionBoundaryFigure options');
  checkKnownKeys(given, OPTIONS, 'decisionBoundaryFigure options');
  const X = checkMatrix(given.X, 'X');
  if (X.rows !== 2) throw invalidValue('X', '(2, m): a decision boundary is drawn for two features', received(`(${X.rows}, ${X.cols})`));
  checkFinite(X, 'X');
  const labels = checkLabels(given.labels, X.cols);
  if (typeof given.predict !== 'function') throw invalidType('predict', 'a function (gridX) => class indices', given.predict);
  const predict = given.predict as DecisionBoundaryOptions['predict'];
  const names = checkTextList(given.classes, 'classes', 1, true);
  const featureNames = checkTextList(given.featureNames, 'featureNames', 2);
  const title = checkText(given.title, 'title');
  const resolution = given.resolution === undefined ? RESOLUTION.fallback : checkInteger(given.resolution, 'resolution', RESOLUTION.min, RESOLUTION.max);
  const width = checkPixels(given.width, 'width');
  const height = checkPixels(given.height, 'height');

  const xDomain = paddedRange(X.data.subarray(0, X.cols));
  const yDomain = paddedRange(X.data.subarray(X.cols));
  const grid = gridPoints(xDomain, yDomain, resolution);
  const predicted = checkPredictions(predict(grid), resolution * resolution);

  let classCount = names?.length ?? 0;
  for (const c of labels) classCount = Math.max(classCount, c + 1);
  for (const c of predicted) classCount = Math.max(classCount, c + 1);
  const legend = Array.from({ length: classCount }, (_, c) => ({ label: names?.[c] ?? `class ${c}`, color: classColor(c), sample: 'dot' as const }));

  const left = 64;
  const top = 40;
  const right = legendWidth(legend) + 8;
  const bottom = 56;
  const area: PlotArea = { left, top, width: width - left - right, height: height - top - bottom, xDomain, yDomain };
  if (area.width < 50 || area.height < 50) throw invalidValue('width and height', 'large enough to leave a plot beside the legend', received(`${width} × ${height}`));

  const shapes: Shape[] = [
    {
      kind: 'cells',
      x: area.left,
      y: area.top,
      width: area.width,
      height: area.height,
      columns: resolution,
      rows: resolution,
      index: predicted,
      colors: Array.from({ length: classCount }, (_, c) => regionColor(c)),
    },
  ];
  for (let j = 0; j < X.cols; j++) {
    const cx = pixelX(area, X.data[j] as number);
    const cy = pixelY(area, X.data[X.cols + j] as number);
    shapes.push({ kind: 'circle', cx, cy, r: POINT_RADIUS, fill: classColor(labels[j] as number), stroke: INK });
  }
  shapes.push(...axesShapes(area, { title, xLabel: featureNames?.[0], yLabel: featureNames?.[1] }));
  shapes.push(...legendShapes(legend, width - right + 8, top));
  return { width, height, background: WHITE, shapes, area };
}

/** The (2, resolution²) grid of cell centres, row 0 at the top (largest y), as the cells shape lays them out. */
function gridPoints(xDomain: readonly [number, number], yDomain: readonly [number, number], resolution: number): Matrix {
  const n = resolution * resolution;
  const data = new Float64Array(2 * n);
  const xStep = (xDomain[1] - xDomain[0]) / resolution;
  const yStep = (yDomain[1] - yDomain[0]) / resolution;
  for (let r = 0; r < resolution; r++) {
    const y = yDomain[1] - (r + 0.5) * yStep;
    for (let c = 0; c < resolution; c++) {
      data[r * resolution + c] = xDomain[0] + (c + 0.5) * xStep;
      data[n + r * resolution + c] = y;
    }
  }
  return { rows: 2, cols: n, data };
}

/** The values' range widened by PADDING on each side (by 0.5 when they are all equal). */
function paddedRange(values: Float64Array): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const margin = high > low ? (high - low) * PADDING : 0.5;
  return [low - margin, high + margin];
}

function checkLabels(value: unknown, m: number): Int32Array {
  if (value !== null && typeof value === 'object' && 'data' in value && (value as Matrix).data instanceof Float64Array) {
    const indices = toClassIndices(value as Matrix);
    if (indices.length !== m) throw invalidValue('labels', `${m} columns, one per example of X`, received(`${indices.length}`));
    return indices;
  }
  if (value === null || typeof value !== 'object' || typeof (value as ArrayLike<unknown>).length !== 'number') {
    throw invalidType('labels', 'class indices or a label matrix Y', value);
  }
  const list = value as ArrayLike<unknown>;
  if (list.length !== m) throw invalidValue('labels', `${m} class indices, one per example of X`, received(`${list.length}`));
  const indices = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const c = list[j];
    if (typeof c !== 'number') throw invalidType(`labels[${j}]`, 'a class index', c);
    if (!Number.isInteger(c) || c < 0 || c >= MAX_CLASSES) throw invalidValue(`labels[${j}]`, `a class index from 0 to ${MAX_CLASSES - 1}`, c);
    indices[j] = c;
  }
  return indices;
}

function checkPredictions(value: unknown, n: number): Int32Array {
  const advice = 'predict must return the class of each grid column, e.g. (G) => net.predictClasses(G)';
  if (!(value instanceof Int32Array) && !(value instanceof Float64Array)) {
    throw invalidType('predict(gridX)', 'an Int32Array or Float64Array of class indices', value, advice);
  }
  if (value.length !== n) throw invalidValue('predict(gridX)', `${n} class indices, one per grid column`, received(`${value.length}`), advice);
  const indices = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const c = value[k] as number;
    if (!Number.isInteger(c) || c < 0 || c >= MAX_CLASSES) {
      throw invalidValue(`predict(gridX)[${k}]`, `a class index from 0 to ${MAX_CLASSES - 1}`, c, advice);
    }
    indices[k] = c;
  }
  return indices;
}
