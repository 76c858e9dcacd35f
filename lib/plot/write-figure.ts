/**
 * Writing a figure to a file whose name says its format.
 */
import { rename, unlink, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { invalidType, invalidValue } from '../argument-error';
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
  const extension = extname(path).toLowerCase();
  if (extension !== '.png' && extension !== '.svg') throw invalidValue('path', 'a file name ending in .png or .svg', path);
  const contents = extension === '.png' ? renderPng(figure) : renderSvg(figure);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
