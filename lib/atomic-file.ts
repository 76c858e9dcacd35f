/**
 * Files that appear whole or not at all: written under a temporary name in
 * the same directory (so the rename cannot cross file systems) and renamed
 * at the end. A failed or interrupted command leaves no half-written model,
 * prediction file or picture, and never clobbers a good one.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { once } from 'node:events';

/** The temporary name beside `path`, unique to this process. */
function temporaryName(path: string): string {
  return `${path}.${process.pid}.tmp`;
}

/** Writes `contents` to `path` atomically. */
export async function writeFileAtomically(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = temporaryName(path);
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

/** A stream to a temporary file that becomes `path` on commit, or vanishes on discard. */
export interface AtomicWriter {
  stream: WriteStream;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/** Opens a stream whose file takes its final name only when {@link AtomicWriter.commit} is called. */
export async function openAtomicWriter(path: string): Promise<AtomicWriter> {
  const temporary = temporaryName(path);
  const stream = createWriteStream(temporary);
  await once(stream, 'open'); // rejects if the stream emits 'error' first
  return {
    stream,
    async commit() {
      stream.end();
      await once(stream, 'finish');
      await rename(temporary, path);
    },
    async discard() {
      stream.destroy();
      await unlink(temporary).catch(() => undefined);
    },
  };
}
