/**
 * Model files: read with the file named in any complaint (a model file is
 * the user's input, so a wrong one is bad data, exit 2), written atomically.
 */
import { readFile } from 'node:fs/promises';
import { withContext } from '../argument-error';
import { Model } from '../model/model';
import type { Backend } from '../types';
import { writeFileAtomically } from '../atomic-file';

/**
 * Reads a model saved by `shallownet train`.
 * @throws RangeError / TypeError naming the file and what is wrong with it; the file system's error if it cannot be read.
 */
export async function readModelFile(path: string, backend: Backend | 'auto' = 'auto'): Promise<Model> {
  const text = await readFile(path, 'utf8');
  return withContext(`${path} is not a usable model file`, () => Model.fromJSON(text, { backend }));
}

/** Writes a model as indented JSON (a person may want to read its settings and labels), atomically. */
export async function writeModelFile(path: string, model: Model): Promise<void> {
  await writeFileAtomically(path, `${JSON.stringify(model, null, 1)}\n`);
}
