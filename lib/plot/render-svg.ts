/**
 * A Figure as SVG text: every shape, text included, as one element (a cell
 * raster as one rectangle per run of equal cells in a row, which keeps a
 * 200 × 200 raster to a few hundred elements).
 */
import type { CellsShape, Color, Figure, Shape } from './figure';

/** The SVG document of a figure. */
export function renderSvg(figure: Figure): string {
  const { width, height } = figure;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${rgb(figure.background)}"/>`,
  ];
  for (const shape of figure.shapes) lines.push(...element(shape));
  lines.push('</svg>', '');
  return lines.join('\n');
}

function element(shape: Shape): string[] {
  switch (shape.kind) {
    case 'rect':
      return [`<rect x="${n(shape.x)}" y="${n(shape.y)}" width="${n(shape.width)}" height="${n(shape.height)}" fill="${rgb(shape.fill)}"/>`];
    case 'cells':
      return cellRuns(shape);
    case 'circle': {
      const stroke = shape.stroke === undefined ? '' : ` stroke="${rgb(shape.stroke)}" stroke-width="1"`;
      // The PNG draws the outline inside the edge; half a pixel in keeps the SVG's on the same ring.
      const r = shape.stroke === undefined ? shape.r : shape.r - 0.5;
      return [`<circle cx="${n(shape.cx)}" cy="${n(shape.cy)}" r="${n(r)}" fill="${rgb(shape.fill)}"${stroke}/>`];
    }
    case 'polyline':
      return polylineRuns(shape.points).map(
        (points) => `<polyline points="${points}" fill="none" stroke="${rgb(shape.stroke)}" stroke-width="${n(shape.width)}" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    case 'text': {
      const rotate = shape.vertical === true ? ` transform="rotate(-90 ${n(shape.x)} ${n(shape.y)})"` : '';
      return [`<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.size)}" fill="${rgb(shape.color)}" text-anchor="${shape.anchor}"${rotate}>${escapeXml(shape.text)}</text>`];
    }
  }
}

function cellRuns(shape: CellsShape): string[] {
  const cellWidth = shape.width / shape.columns;
  const cellHeight = shape.height / shape.rows;
  const out = ['<g shape-rendering="crispEdges">'];
  for (let r = 0; r < shape.rows; r++) {
    let start = 0;
    for (let c = 1; c <= shape.columns; c++) {
      const current = shape.index[r * shape.columns + start] as number;
      if (c < shape.columns && shape.index[r * shape.columns + c] === current) continue;
      const x = shape.x + start * cellWidth;
      const y = shape.y + r * cellHeight;
      // A hair of overlap hides the seams anti-aliasing would leave between rows.
      out.push(`<rect x="${n(x)}" y="${n(y)}" width="${n((c - start) * cellWidth)}" height="${n(cellHeight + 0.02)}" fill="${rgb(shape.colors[current] as Color)}"/>`);
      start = c;
    }
  }
  out.push('</g>');
  return out;
}

/** The "x,y x,y …" lists of a polyline's unbroken runs (NaN breaks it). */
function polylineRuns(points: readonly number[]): string[] {
  const runs: string[] = [];
  let current: string[] = [];
  for (let k = 0; k + 1 < points.length; k += 2) {
    const x = points[k] as number;
    const y = points[k + 1] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      current.push(`${n(x)},${n(y)}`);
      continue;
    }
    if (current.length > 0) runs.push(current.join(' '));
    current = [];
  }
  if (current.length > 0) runs.push(current.join(' '));
  return runs;
}

function rgb([r, g, b]: Color): string {
  return `rgb(${r},${g},${b})`;
}

/** A coordinate with at most two decimals: sub-pixel precision, short text. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}
