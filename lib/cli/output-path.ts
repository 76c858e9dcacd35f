/**
 * Checks, before any work, that an output file can be created where the
 * user asked: an hour of training should not end in "no such directory".
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage-error';

/** @throws UsageError when `path`'s directory does not exist or cannot be written in, or `path` is itself a directory. */
export async function checkOutputPath(path: string, flag: string): Promise<void> {
  if (path === '') throw new UsageError(`${flag} needs a file name`);
  const directory = dirname(resolve(path));
  const parent = await stat(directory).catch(() => undefined);
  if (parent === undefined || !parent.isDirectory()) throw new UsageError(`${flag} ${path}: there is no directory ${directory}`);
  // The file is written under a temporary name in this directory, then renamed: both need the directory writable.
  const writable = await access(directory, constants.W_OK).then(() => true, () => false);
  if (!writable) throw new UsageError(`${flag} ${path}: the directory ${directory} is not writable`);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${path} is a directory; give a file name`);
}
