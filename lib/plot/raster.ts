/**
 * A minimal RGBA raster for drawing figures into a PNG: rectangles, cell
 * rasters, discs and thick lines, each pixel taking the colour of whatever
 * covers its centre (no anti-aliasing: exact colours, which also makes the
 * pictures testable pixel by pixel).
 */
import type { Color } from './figure';

export class Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row-major from the top-left, 4 bytes a pixel (the layout pngjs encodes). */
  readonly pixels: Buffer;

  constructor(width: number, height: number, background: Color) {
    this.width = width;
    this.height = height;
    this.pixels = Buffer.alloc(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  setPixel(px: number, py: number, [r, g, b]: Color): void {
    if (px < 0 || py < 0 || px >= this.width || py >= this.height) return;
    const k = (py * this.width + px) * 4;
    this.pixels[k] = r;
    this.pixels[k + 1] = g;
    this.pixels[k + 2] = b;
    this.pixels[k + 3] = 255;
  }

  /** The pixels whose centres lie in [x, x + width) × [y, y + height). */
  fillRect(x: number, y: number, width: number, height: number, color: Color): void {
    const [x0, x1] = this.#span(x, x + width, this.width);
    const [y0, y1] = this.#span(y, y + height, this.height);
    for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) this.setPixel(px, py, color);
  }

  /** Each pixel of the rectangle takes the colour of the cell its centre falls in. */
  fillCells(x: number, y: number, width: number, height: number, columns: number, rows: number, colorAt: (cell: number) => Color): void {
    const [x0, x1] = this.#span(x, x + width, this.width);
    const [y0, y1] = this.#span(y, y + height, this.height);
    for (let py = y0; py < y1; py++) {
      const r = Math.min(rows - 1, Math.floor(((py + 0.5 - y) / height) * rows));
      for (let px = x0; px < x1; px++) {
        const c = Math.min(columns - 1, Math.floor(((px + 0.5 - x) / width) * columns));
        this.setPixel(px, py, colorAt(r * columns + c));
      }
    }
  }

  /** The pixels whose centres are within r of (cx, cy). */
  fillCircle(cx: number, cy: number, r: number, color: Color): void {
    this.#forEachNear(cx - r, cy - r, cx + r, cy + r, (px, py) => (px + 0.5 - cx) ** 2 + (py + 0.5 - cy) ** 2 <= r * r, color);
  }

  /** The pixels whose centres are within width / 2 of the segment from (x1, y1) to (x2, y2). */
  strokeSegment(x1: number, y1: number, x2: number, y2: number, width: number, color: Color): void {
    const half = Math.max(0.5, width / 2);
    const dx = x2 - x1;
    const dy = y2 - y1;
    const length2 = dx * dx + dy * dy;
    const near = (px: number, py: number) => {
      const qx = px + 0.5;
      const qy = py + 0.5;
      // The closest point of the segment: the projection, clamped to the ends.
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((qx - x1) * dx + (qy - y1) * dy) / length2));
      return (qx - x1 - t * dx) ** 2 + (qy - y1 - t * dy) ** 2 <= half * half;
    };
    this.#forEachNear(Math.min(x1, x2) - half, Math.min(y1, y2) - half, Math.max(x1, x2) + half, Math.max(y1, y2) + half, near, color);
  }

  /** Whole pixels [first, last) whose centres fall in [from, to), clipped to [0, size). */
  #span(from: number, to: number, size: number): [number, number] {
    return [Math.max(0, Math.ceil(from - 0.5)), Math.min(size, Math.ceil(to - 0.5))];
  }

  #forEachNear(xMin: number, yMin: number, xMax: number, yMax: number, inside: (px: number, py: number) => boolean, color: Color): void {
    const px0 = Math.max(0, Math.floor(xMin));
    const py0 = Math.max(0, Math.floor(yMin));
    const px1 = Math.min(this.width - 1, Math.ceil(xMax));
    const py1 = Math.min(this.height - 1, Math.ceil(yMax));
    for (let py = py0; py <= py1; py++) for (let px = px0; px <= px1; px++) if (inside(px, py)) this.setPixel(px, py, color);
  }
}
