/**
 * A picture as a list of shapes, independent of the file format: each plot
 * builds a Figure, and renderSvg / renderPng draw the same Figure, so the two
 * formats cannot disagree about what is where. Coordinates are pixels from the
 * top-left corner, y pointing down (as in SVG and PNG).
 */

/** An sRGB colour, each channel 0–255. */
export type Color = readonly [red: number, green: number, blue: number];

/** A filled axis-aligned rectangle. */
export interface RectShape {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: Color;
}

/**
 * A rectangle divided into `columns × rows` equal cells, each filled with
 * `colors[index[r * columns + c]]`, row 0 at the top: a raster of classes,
 * such as decision regions.
 */
export interface CellsShape {
  kind: 'cells';
  x: number;
  y: number;
  width: number;
  height: number;
  columns: number;
  rows: number;
  index: Int32Array;
  colors: readonly Color[];
}

/** A filled circle, optionally outlined (a 1-pixel ring inside its edge). */
export interface CircleShape {
  kind: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill: Color;
  stroke?: Color;
}

/** Connected straight segments through `points` ([x0, y0, x1, y1, …]); a NaN coordinate breaks the line there. */
export interface PolylineShape {
  kind: 'polyline';
  points: readonly number[];
  stroke: Color;
  width: number;
}

/** A line of text; `y` is its baseline. PNG output leaves text out (see renderPng). */
export interface TextShape {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  color: Color;
  anchor: 'start' | 'middle' | 'end';
  /** Rotated a quarter turn counter-clockwise about (x, y), for a vertical axis title. */
  vertical?: boolean;
}

export type Shape = RectShape | CellsShape | CircleShape | PolylineShape | TextShape;

/** Where data coordinates land in a figure: data x in `xDomain` maps to [left, left + width], data y in `yDomain` to [top + height, top]. */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
}

/** A picture: its size, its background, and its shapes, drawn in order. */
export interface Figure {
  width: number;
  height: number;
  background: Color;
  shapes: Shape[];
  /** The plotting area and its data ranges, for placing things by data coordinates. */
  area: PlotArea;
}

/** The pixel x of data x in an area. */
export function pixelX(area: PlotArea, x: number): number {
  const [low, high] = area.xDomain;
  return area.left + ((x - low) / (high - low)) * area.width;
}

/** The pixel y of data y in an area (larger data y is higher up). */
export function pixelY(area: PlotArea, y: number): number {
  const [low, high] = area.yDomain;
  return area.top + area.height - ((y - low) / (high - low)) * area.height;
}
