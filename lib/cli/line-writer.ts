/**
 * Writing many lines to a stream (stdout, a file) in chunks, waiting when
 * the stream asks to (backpressure), so a million predictions neither pile
 * up in memory nor go out one system call at a time.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Lines are gathered into chunks of about this many characters. */
const CHUNK_CHARACTERS = 1 << 16;

/** Writes each line (with its own line break) to `stream`, in order. */
export async function writeLines(stream: Writable, lines: Iterable<string>): Promise<void> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARACTERS) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  if (chunk !== '' && !stream.write(chunk)) await once(stream, 'drain');
}
