/** The progress bars the commands draw on a terminal (stderr), all of one look. */
import { SingleBar } from 'cli-progress';

/** A bar on stderr with cli-progress's `format`, redrawn at most 10 times a second. */
export function terminalBar(format: string): SingleBar {
  return new SingleBar({
    stream: process.stderr,
    format,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    barsize: 24,
    hideCursor: false,
    fps: 10,
  });
}
