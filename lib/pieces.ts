/**
 * Working through a large array in pieces, one per turn of the event loop, so
 * that fitAsync's checks and copies of a large X never hold the loop for long
 * (a 600 MB X is ~150 pieces of about a millisecond each, with every other
 * callback free to run in between).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Values handled per piece: 4 MB of doubles, about a millisecond of checking or copying. */
export const PIECE_VALUES = 2 ** 19;

/**
 * Values per piece when copying into fresh memory: 1 MB. Each page is faulted
 * in as it is first written, and on these machines that costs about 6 ms a
 * megabyte (measured: a 4 MB piece took 26 ms), so pieces are smaller there.
 */
export const FRESH_PIECE_VALUES = 2 ** 17;

/**
 * Calls work(from, to) over [0, length) in pieces of `piece` values. Nothing is
 * awaited before the first piece, so an array of one piece is handled at once.
 */
export async function inPieces(length: number, work: (from: number, to: number) => void, piece = PIECE_VALUES): Promise<void> {
  for (let from = 0; from < length; from += piece) {
    if (from > 0) await nextTurn();
    work(from, Math.min(length, from + piece));
  }
}
