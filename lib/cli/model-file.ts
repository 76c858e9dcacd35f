/**
 * Model files: read with the file named in any complaint (a model file is
 * the user's input, so a wrong one is bad data, exit 2), written atomically.
 */
import { readFile } from 'node:fs/promises';
import { Model } from '../model/model';
import type { Backend } from '../types';
import { writeFileAtomically } from './atomic-file';

/**
 * Reads a model saved by `shallownet train`.
 * @throws RangeError / TypeError naming the file and what is wrong with it; the file system's error if it cannot be read.
 */
export async function readModelFile(path: string, backend: Backend | 'auto' = 'auto'): Promise<Model> {
  const text = await readFile(path, 'utf8');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new RangeError(`${path} is not a model file: it is not JSON (${(error as Error).message})`);
  }
  try {
    return Model.fromJSON(document as Parameters<typeof Model.fromJSON>[0], { backend });
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`${path} is not a usable model file: ${error.message}`);
    if (error instanceof TypeError) throw new TypeError(`${path} is not a usable model file: ${error.message}`);
    throw error;
  }
}

/** Writes a model as indented JSON (a person may want to read its settings and labels), atomically. */
export async function writeModelFile(path: string, model: Model): Promise<void> {
  await writeFileAtomically(path, `${JSON.stringify(model, null, 1)}\n`);
}
