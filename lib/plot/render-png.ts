/**
 * A Figure as a PNG image, encoded by pngjs. Text is left out: drawing glyphs
 * would need a font and a rasteriser for it, and every label is in the SVG
 * version of the same figure; the PNG keeps the regions, points, lines, axes
 * and tick marks, and its legend shows the colours.
 */
import { PNG } from 'pngjs';
import type { Color, Figure } from './figure';
import { Raster } from './raster';

/** The PNG file (RGBA, 8 bits a channel) of a figure. */
export function renderPng(figure: Figure): Buffer {
  const raster = drawRaster(figure);
  const png = new PNG({ width: figure.width, height: figure.height });
  raster.pixels.copy(png.data);
  return PNG.sync.write(png);
}

/** Draws a figure's shapes, in order, into a raster. */
export function drawRaster(figure: Figure): Raster {
  const raster = new Raster(figure.width, figure.height, figure.background);
  for (const shape of figure.shapes) {
    switch (shape.kind) {
      case 'rect':
        raster.fillRect(shape.x, shape.y, shape.width, shape.height, shape.fill);
        break;
      case 'cells':
        raster.fillCells(shape.x, shape.y, shape.width, shape.height, shape.columns, shape.rows, (cell) => shape.colors[shape.index[cell] as number] as Color);
        break;
      case 'circle':
        if (shape.stroke !== undefined) {
          raster.fillCircle(shape.cx, shape.cy, shape.r, shape.stroke);
          raster.fillCircle(shape.cx, shape.cy, shape.r - 1, shape.fill);
        } else {
          raster.fillCircle(shape.cx, shape.cy, shape.r, shape.fill);
        }
        break;
      case 'polyline': {
        const { points } = shape;
        for (let k = 0; k + 3 < points.length; k += 2) {
          const [x1, y1, x2, y2] = [points[k], points[k + 1], points[k + 2], points[k + 3]] as number[];
          if ([x1, y1, x2, y2].every(Number.isFinite)) raster.strokeSegment(x1 as number, y1 as number, x2 as number, y2 as number, shape.width, shape.stroke);
        }
        break;
      }
      case 'text':
        break;
    }
  }
  return raster;
}
