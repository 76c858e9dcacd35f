/**
 * Writing a figure to a file whose name says its format.
 */
import { extname } from 'node:path';
import { invalidType, invalidValue } from '../argument-error';
import { writeFileAtomically } from '../atomic-file';
import type { Figure } from './figure';
import { renderPng } from './render-png';
import { renderSvg } from './render-svg';

/**
 * Writes a figure as PNG or SVG, by the file name's extension (.png or .svg,
 * any case). The file appears whole or not at all: it is written under a
 * temporary name beside it and renamed, so an interrupted run never leaves a
 * truncated picture.
 * @throws RangeError for another extension (before writing anything).
 */
export async function writeFigure(path: string, figure: Figure): Promise<void> {
  if (typeof path !== 'string') throw invalidType('path', 'a file name ending in .png or .svg', path);
  const format = figureFormat(path);
  if (format === undefined) throw invalidValue('path', 'a file name ending in .png or .svg', path);
  const contents = format === 'png' ? renderPng(figure) : renderSvg(figure);
  await writeFileAtomically(path, contents);
}

/** The picture format a file name asks for by its extension (any case), or undefined for neither. */
export function figureFormat(path: string): 'png' | 'svg' | undefined {
  const extension = extname(path).toLowerCase();
  return extension === '.png' ? 'png' : extension === '.svg' ? 'svg' : undefined;
}
