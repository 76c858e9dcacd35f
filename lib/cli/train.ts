/**
 * `shallownet train <data.csv> --target <column>`: reads a CSV file, trains
 * a network for its target and saves the model (network, scaler, names,
 * labels, history) as one JSON file.
 */
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ACTIVATIONS, OPTIMIZERS } from '../engine';
import { readCsv, type CsvDataset } from '../data/csv';
import { TASKS, type Task } from '../data/task';
import { TrainingAbortedError } from '../errors';
import { MAX_DIMENSION, MAX_SEED, MAX_THREADS } from '../limits';
import { Model } from '../model/model';
import type { ModelTraining } from '../model/model-json';
import { setThreads } from '../native/info';
import { ShallowNet } from '../net';
import type { FitResult, Progress } from '../types';
import { defineCommand, type OptionValues } from './command';
import { EXIT_INTERRUPTED, EXIT_SUCCESS } from './exit-codes';
import { formatNames } from '../describe';
import { formatCount, formatDuration, formatScore } from './format';
import { listenForInterrupt } from './interrupt';
import { writeModelFile } from './model-file';
import { readChoice, readInteger, readNameList, readNumber } from './option-values';
import { BACKEND_OPTION, backendHelp, DELIMITER_OPTION, delimiterHelp, readBackend, readDelimiter } from './shared-options';
import { checkOutputPath } from './output-path';
import { readDisplay, type ReadDisplay } from './read-display';
import { printNote, printResult, printWarning } from './terminal';
import { chooseTrainingDisplay } from './training-display';
import { prepareTrainingData, type PreparedData } from './training-data';
import { fitOptions, initializationFor, networkOptions, settingsRecord, TRAIN_DEFAULTS, type TrainSettings } from './training-recipe';
import { UsageError } from './usage-error';

const OPTIONS = {
  target: { type: 'string', short: 't' },
  task: { type: 'string' },
  features: { type: 'string' },
  hidden: { type: 'string' },
  activation: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  optimizer: { type: 'string' },
  'learning-rate': { type: 'string' },
  l2: { type: 'string' },
  validation: { type: 'string' },
  patience: { type: 'string' },
  seed: { type: 'string' },
  ...BACKEND_OPTION,
  threads: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'no-scale': { type: 'boolean' },
  ...DELIMITER_OPTION,
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
} as const;

const D = TRAIN_DEFAULTS;
/** Where the options' descriptions start in the help. */
const COLUMN = 29;

const HELP = `Usage: shallownet train <data.csv> --target <column> [options]

Trains a one-hidden-layer network on a CSV file (a header row, one row per
example) to predict the target column from the others, and saves the model.

Data:
  -t, --target <column>      the column to predict (required)
      --task <task>          binary, multiclass or regression (default: inferred from
                             the target: text or up to 10 integer codes are classes)
      --features <a,b,...>   the feature columns (default: every column but the target)
${delimiterHelp(COLUMN)}
      --no-scale             train on the features as they are (default: standardise
                             them, and a regression target, on the training rows)
Network:
      --hidden <n>           hidden units (default ${D.hidden})
      --activation <name>    ${ACTIVATIONS.join(', ')} (default ${D.activation})
Training:
      --epochs <n>           passes over the training rows (default ${D.epochs})
      --batch-size <n>       rows per update (default ${D.batchSize}, or all rows if fewer)
      --optimizer <name>     ${OPTIMIZERS.join(', ')} (default ${D.optimizer})
      --learning-rate <a>    step size (default ${D.learningRate})
      --l2 <lambda>          L2 regularisation (default ${D.l2})
      --validation <f>       share of rows held out to watch overfitting (default ${D.validation}; 0: none)
      --patience <n>         stop after n epochs without a better validation cost and
                             keep the best epoch (default ${D.patience}; 0: run every epoch)
      --seed <n>             seed of the weights, the split and the batches (default: random)
${backendHelp(COLUMN)}
      --threads <n>          threads for the native backend (default: one per core)
Output:
  -o, --out <file>           the model file (default model.json); written only on success
  -q, --quiet                print only errors and the final line
      --json                 one JSON line per epoch on stdout, then a summary line

Ctrl-C stops at the next update and saves the best model so far (exit 130);
a second Ctrl-C quits at once without saving.

Example:
  shallownet train iris.csv --target species --out iris-model.json`;

/** The run's plan and the data it trains on. */
interface Run {
  settings: TrainSettings;
  file: string;
  out: string;
  quiet: boolean;
  json: boolean;
}

export const trainCommand = defineCommand({
  name: 'train',
  help: HELP,
  options: OPTIONS,
  positionals: ['data.csv'],
  async run(values, positionals) {
    const [file] = positionals as [string];
    const settings = readSettings(values);
    const threads = values.threads === undefined ? undefined : readInteger(values.threads, '--threads', 1, MAX_THREADS);
    if (threads !== undefined && settings.backend === 'ts') throw new UsageError('--threads sets the native backend\'s threads; it does not apply to --backend ts');
    if (values.patience !== undefined && settings.patience > 0 && settings.validation === 0) throw new UsageError('--patience watches the validation cost; it does not apply to --validation 0');
    const delimiter = readDelimiter(values.delimiter);
    const out = values.out ?? 'model.json';
    await checkOutputPath(out, '--out');
    if (threads !== undefined) setThreads(threads);
    return train({ settings, file, out, quiet: values.quiet ?? false, json: values.json ?? false }, delimiter);
  },
});

function readSettings(values: OptionValues<typeof OPTIONS>): TrainSettings {
  if (values.target === undefined) throw new UsageError('train needs --target <column>: the column to predict');
  const target = values.target;
  const optional = <T>(text: string | undefined, fallback: T, read: (text: string) => T): T => (text === undefined ? fallback : read(text));
  return {
    target,
    task: optional(values.task, undefined, (text) => readChoice(text, '--task', TASKS)),
    features: optional(values.features, undefined, (text) => readFeatureNames(text, target)),
    hidden: optional(values.hidden, D.hidden, (text) => readInteger(text, '--hidden', 1, 1_000_000)),
    activation: optional(values.activation, D.activation, (text) => readChoice(text, '--activation', ACTIVATIONS)),
    epochs: optional(values.epochs, D.epochs, (text) => readInteger(text, '--epochs', 1, 1_000_000)),
    batchSize: optional(values['batch-size'], D.batchSize, (text) => readInteger(text, '--batch-size', 1, MAX_DIMENSION)),
    optimizer: optional(values.optimizer, D.optimizer, (text) => readChoice(text, '--optimizer', OPTIMIZERS)),
    learningRate: optional(values['learning-rate'], D.learningRate, (text) => readNumber(text, '--learning-rate', { above: 0 }, 'a number > 0')),
    l2: optional(values.l2, D.l2, (text) => readNumber(text, '--l2', { from: 0 }, 'a number >= 0')),
    validation: optional(values.validation, D.validation, (text) => readNumber(text, '--validation', { from: 0, below: 1 }, 'a share from 0 (none) to below 1')),
    patience: optional(values.patience, D.patience, (text) => readInteger(text, '--patience', 0, 1_000_000)),
    seed: optional(values.seed, randomInt(MAX_SEED + 1), (text) => readInteger(text, '--seed', 0, MAX_SEED)),
    backend: readBackend(values.backend),
    scale: !(values['no-scale'] ?? false),
  };
}

/** --features: distinct column names, the target not among them (said in the command's terms, not readCsv's). */
function readFeatureNames(text: string, target: string): string[] {
  const names = readNameList(text, '--features');
  names.forEach((name, k) => {
    if (name === target) throw new UsageError(`--features lists the target ${JSON.stringify(target)}; the features are the columns it is predicted from`);
    if (names.indexOf(name) !== k) throw new UsageError(`--features lists ${JSON.stringify(name)} twice`);
  });
  return names;
}

async function train(run: Run, delimiter: string): Promise<number> {
  const { settings, quiet, json } = run;
  const talk = !quiet && !json;
  const display = chooseTrainingDisplay({ quiet, json });
  const reading = readDisplay(run.file, quiet || json);
  let stopDisplays = () => reading.stop();
  const interrupt = listenForInterrupt({
    first() {
      stopDisplays();
      printNote('interrupted: stopping at the next update (Ctrl-C again to quit without saving)');
    },
    second() {
      stopDisplays();
      printNote('interrupted again: quitting without saving');
    },
  });
  try {
    const loaded = await readAndPrepare(run, delimiter, reading, interrupt.signal);
    if (loaded === undefined) {
      printNote(`interrupted while reading ${run.file}; nothing saved`);
      return EXIT_INTERRUPTED;
    }
    const { featureNames, targetName, task, classes, data } = loaded;
    if (data.unscaledFeatures.length > 0 && !quiet) warnUnscaled(data);

    const classCount = classes?.length ?? 0;
    const net = new ShallowNet(networkOptions(settings, featureNames.length, task, classCount));
    const examples = data.train.X.cols;
    const validationExamples = data.validation?.X.cols ?? 0;
    if (talk) printNote(describePlan(settings, net, examples, validationExamples));

    const history: Progress[] = [];
    display.start({ epochs: settings.epochs, examples });
    stopDisplays = () => display.stop();
    const trainStart = performance.now();
    let result: FitResult | undefined;
    let interruptedAfter = 0;
    try {
      const options = fitOptions(
        settings,
        examples,
        data.validation,
        (progress) => {
          history.push(progress);
          display.epoch(progress);
        },
        interrupt.signal,
      );
      result = await net.fitAsync(data.train.X, data.train.Y, options);
    } catch (error) {
      if (!(error instanceof TrainingAbortedError)) throw error;
      interruptedAfter = error.iterations;
    } finally {
      display.stop();
    }
    const seconds = (performance.now() - trainStart) / 1000;
    if (result === undefined && interruptedAfter === 0) {
      printNote('interrupted before the first update; nothing saved');
      return EXIT_INTERRUPTED;
    }

    const earlyStopping = validationExamples > 0 && settings.patience > 0;
    const training = trainingRecord(settings, history, result, earlyStopping, examples, validationExamples);
    const model = new Model({
      network: net,
      task,
      featureNames,
      targetName,
      ...(classes !== undefined && { classes }),
      ...(data.scaler !== undefined && { scaler: data.scaler }),
      ...(data.targetScaler !== undefined && { targetScaler: data.targetScaler }),
      history,
      training,
    });
    await writeModelFile(run.out, model);
    report(run, training, history, result, seconds);
    return result === undefined ? EXIT_INTERRUPTED : EXIT_SUCCESS;
  } finally {
    interrupt.dispose();
  }
}

/** The file's rows, split and scaled; undefined when Ctrl-C stopped the read. */
interface Loaded {
  featureNames: string[];
  targetName: string;
  task: Task;
  classes: string[] | undefined;
  data: PreparedData;
}

/**
 * Reads the file and prepares its rows. A function of its own so that the
 * unscaled dataset, the largest thing in memory for a large file, can be
 * collected as soon as the scaled copies exist.
 */
async function readAndPrepare(run: Run, delimiter: string, reading: ReadDisplay, signal: AbortSignal): Promise<Loaded | undefined> {
  const { settings } = run;
  const started = performance.now();
  let dataset: CsvDataset;
  try {
    dataset = await readCsv(run.file, {
      target: settings.target,
      ...(settings.task !== undefined && { task: settings.task }),
      ...(settings.features !== undefined && { features: settings.features }),
      delimiter,
      onProgress: (progress) => reading.onProgress(progress),
      signal,
    });
  } catch (error) {
    if (signal.aborted) return undefined;
    throw error;
  } finally {
    reading.stop();
  }
  const { featureNames, targetName, task, classes } = dataset;
  if (!run.quiet && !run.json) {
    const target = task === 'regression' ? 'regression' : `${task}, ${classes?.length} classes: ${formatNames(classes ?? [])}`;
    printNote(
      `read ${formatCount(dataset.X.cols)} rows × ${featureNames.length} features from ${run.file} in ${formatDuration((performance.now() - started) / 1000)}; ` +
        `target ${JSON.stringify(targetName)} (${target})`,
    );
  }
  const data = prepareTrainingData(dataset, { task, featureNames, validation: settings.validation, seed: settings.seed, scale: settings.scale });
  return { featureNames, targetName, task, classes, data };
}

function warnUnscaled(data: PreparedData): void {
  const listed = data.unscaledFeatures
    .slice(0, 5)
    .map((feature) => `${JSON.stringify(feature.name)} (${feature.reason})`)
    .join('; ');
  const more = data.unscaledFeatures.length > 5 ? `; and ${data.unscaledFeatures.length - 5} more` : '';
  printWarning(
    `--no-scale: ${data.unscaledFeatures.length} feature${data.unscaledFeatures.length === 1 ? ' is' : 's are'} far from unit scale: ${listed}${more}. ` +
      'Gradient descent may then stall or diverge; drop --no-scale to standardise them.',
  );
}

/** "4 → 16 tanh → 3 softmax on 135 rows (15 held out); adam, learning rate 0.01, …". */
function describePlan(settings: TrainSettings, net: ShallowNet, examples: number, validationExamples: number): string {
  const layers = `${net.inputSize} → ${net.hiddenSize} ${net.hiddenActivation} → ${net.outputSize} ${net.outputActivation}`;
  const held = validationExamples > 0 ? `, ${formatCount(validationExamples)} held out for validation` : ', no validation';
  const stopping = validationExamples > 0 && settings.patience > 0 ? `, early stopping after ${settings.patience} epochs without improvement` : '';
  return (
    `training ${layers} (${initializationFor(settings.activation)} init) on ${formatCount(examples)} rows${held}; ` +
    `${settings.optimizer}, learning rate ${settings.learningRate}, batches of ${Math.min(settings.batchSize, examples)}` +
    `${settings.l2 > 0 ? `, L2 ${settings.l2}` : ''}, up to ${settings.epochs} epochs${stopping}; ` +
    `${settings.scale ? 'standardised features' : 'unscaled features'}; backend ${net.backend}, seed ${settings.seed}`
  );
}

function trainingRecord(
  settings: TrainSettings,
  history: readonly Progress[],
  result: FitResult | undefined,
  earlyStopping: boolean,
  examples: number,
  validationExamples: number,
): ModelTraining {
  const epochs = result?.epochs ?? history.at(-1)?.epoch ?? 0;
  const record: ModelTraining = {
    examples,
    validationExamples,
    epochs,
    stoppedEarly: result?.stoppedEarly ?? false,
    interrupted: result === undefined,
    settings: settingsRecord(settings),
  };
  // With early stopping the network holds the best validation epoch's parameters (also when interrupted).
  if (earlyStopping) {
    // The trainer's own word when it finished; an interrupted run's, found the same way in its history.
    const best = result?.bestEpoch ?? bestEpoch(history);
    if (best !== undefined) record.bestEpoch = best;
  }
  return record;
}

/** The first epoch of lowest validation cost, as early stopping's restoreBest picks it. */
function bestEpoch(history: readonly Progress[]): number | undefined {
  let best: Progress | undefined;
  for (const progress of history) {
    if (progress.validationCost === undefined) continue;
    if (best === undefined || progress.validationCost < (best.validationCost as number)) best = progress;
  }
  return best?.epoch;
}

/** The figures of the epoch whose parameters were saved. */
function savedEpochProgress(training: ModelTraining, history: readonly Progress[]): Progress | undefined {
  const epoch = training.bestEpoch ?? training.epochs;
  return history.find((progress) => progress.epoch === epoch) ?? history.at(-1);
}

function report(run: Run, training: ModelTraining, history: readonly Progress[], result: FitResult | undefined, seconds: number): void {
  const saved = savedEpochProgress(training, history);
  if (!run.quiet && !run.json) {
    const how = training.interrupted ? 'interrupted' : training.stoppedEarly ? 'stopped early' : 'all epochs run';
    const best = training.bestEpoch !== undefined ? `, best epoch ${training.bestEpoch}` : '';
    printNote(`trained ${training.epochs} epochs in ${formatDuration(seconds)} (${how}${best})`);
  }
  const figures = describeSaved(saved);
  if (training.interrupted) {
    // Said on stderr in every mode: the run did not finish, and the file holds what it had.
    const which = training.bestEpoch !== undefined ? 'best' : 'latest';
    printNote(`interrupted: saved the ${which} model so far${figures === '' ? '' : ` (${figures})`} to ${run.out}`);
  }
  if (run.json) {
    printResult(
      JSON.stringify({
        type: 'summary',
        model: run.out,
        epochs: training.epochs,
        ...(training.bestEpoch !== undefined && { bestEpoch: training.bestEpoch }),
        stoppedEarly: training.stoppedEarly,
        interrupted: training.interrupted,
        examples: training.examples,
        validationExamples: training.validationExamples,
        seed: run.settings.seed,
        ...(result !== undefined && { finalCost: result.finalCost }),
        ...(saved?.validationCost !== undefined && { validationCost: saved.validationCost }),
        ...(saved?.validationAccuracy !== undefined && { validationAccuracy: saved.validationAccuracy }),
        ...(saved?.validationR2 !== undefined && { validationR2: saved.validationR2 }),
        seconds: Number(seconds.toFixed(3)),
      }),
    );
  } else if (!training.interrupted) {
    printResult(`saved ${run.out}${figures === '' ? '' : ` (${figures})`}`);
  }
}

/** "epoch 47: validation accuracy 0.9667", or "" when no epoch was completed. */
function describeSaved(saved: Progress | undefined): string {
  if (saved === undefined) return '';
  const score =
    saved.validationAccuracy !== undefined
      ? `validation accuracy ${formatScore(saved.validationAccuracy)}`
      : saved.validationR2 !== undefined
        ? `validation R² ${formatScore(saved.validationR2)}`
        : `training cost ${formatScore(saved.cost)}`;
  return `epoch ${saved.epoch}: ${score}`;
}
