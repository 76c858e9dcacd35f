/**
 * Ctrl-C during a long command: the first asks it to stop at a safe point
 * (the AbortSignal it hands to readCsv and fitAsync), so that what was done
 * can be kept; the second quits at once, for when that is not wanted.
 */
import { EXIT_INTERRUPTED } from './exit-codes';

export interface InterruptHandlers {
  /** After the first Ctrl-C, once the signal has aborted: say what will happen. */
  first(): void;
  /** After the second, just before the process exits: clean up the screen. */
  second(): void;
}

/** Listening for Ctrl-C; call `dispose` once the command no longer needs it. */
export interface InterruptListener {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** Listens for SIGINT until disposed (SIGTERM keeps its default: end now). */
export function listenForInterrupt(handlers: InterruptHandlers): InterruptListener {
  const controller = new AbortController();
  const onSignal = () => {
    if (!controller.signal.aborted) {
      controller.abort(new Error('interrupted'));
      handlers.first();
      return;
    }
    handlers.second();
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
    },
  };
}
