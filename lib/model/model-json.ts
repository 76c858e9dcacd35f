/**
 * The saved form of a {@link Model}: one versioned JSON document with
 * everything prediction needs (the network, the scalers, the feature names,
 * the class labels) and what the learning curves need (the history), read
 * back with every field checked, so a wrong or damaged file is refused with a
 * message naming the field rather than predicting nonsense.
 */
import { invalidType, invalidValue } from '../argument-error';
import type { StandardScalerJSON } from '../data/standard-scaler';
import { TASKS, type Task } from '../data/task';
import type { ShallowNetJSON } from '../serialize';
import type { Progress } from '../types';
import { checkChoice, checkInteger, checkKnownKeys, checkName, checkNames, checkObject, parseJsonText } from '../validate';

export const MODEL_FORMAT = 'shallownet-model';
export const MODEL_VERSION = 1;

/** How a model was trained: for the record (and `shallownet plot --curves`), not needed to predict. */
export interface ModelTraining {
  /** Examples trained on. */
  examples: number;
  /** Examples held out to watch the validation cost (0: none). */
  validationExamples: number;
  /** Epochs run. */
  epochs: number;
  /** The epoch whose parameters the model holds, when early stopping restored the best. */
  bestEpoch?: number;
  /** Early stopping ended training. */
  stoppedEarly: boolean;
  /** Training was interrupted (Ctrl-C) and this is the best model up to then. */
  interrupted: boolean;
  /** The settings used (hidden units, optimizer, learning rate, seed, …), by name. */
  settings: Record<string, string | number | boolean>;
}

/** What `model.toJSON()` returns and `Model.fromJSON()` reads. */
export interface ModelJSON {
  format: 'shallownet-model';
  version: 1;
  task: Task;
  /** The target column's name in the training file. */
  targetName: string;
  /** The feature columns' names, in the order of the network's inputs. */
  featureNames: string[];
  /** Class labels in class order (output k is `classes[k]`; binary: the sigmoid output is P(classes[1])); null for regression. */
  classes: string[] | null;
  /** Standardisation of the features, or null when the model takes them as they are. */
  scaler: StandardScalerJSON | null;
  /** Regression: the target's standardisation (the network predicts standardised values), or null. Always null for classification. */
  targetScaler: StandardScalerJSON | null;
  training?: ModelTraining;
  /** The progress records of training: per epoch, the training cost and the validation figures. */
  history: Progress[];
  network: ShallowNetJSON;
}

const KEYS = ['format', 'version', 'task', 'targetName', 'featureNames', 'classes', 'scaler', 'targetScaler', 'training', 'history', 'network'] as const;
const TRAINING_KEYS = ['examples', 'validationExamples', 'epochs', 'bestEpoch', 'stoppedEarly', 'interrupted', 'settings'] as const;
const PROGRESS_KEYS = ['iteration', 'epoch', 'cost', 'validationCost', 'validationAccuracy', 'validationR2'] as const;

/** The fields of a saved model, each checked for its kind; how they fit together is the Model's to check. */
export interface ParsedModelJSON {
  task: Task;
  targetName: string;
  featureNames: string[];
  classes: string[] | undefined;
  scaler: unknown;
  targetScaler: unknown;
  training: ModelTraining | undefined;
  history: Progress[];
  network: unknown;
}

/**
 * Reads a saved model's document (the object, or its JSON text).
 * @throws TypeError / RangeError naming the first field that is wrong.
 */
export function parseModelJSON(json: unknown): ParsedModelJSON {
  const doc = checkObject(parseJsonText(json, 'model JSON', 'a saved model or its JSON text'), 'model JSON');
  if (doc.format !== MODEL_FORMAT) {
    const advice = doc.format === 'shallownet' ? 'this is a bare network (ShallowNet.toJSON()); a model also carries its scaler and labels' : undefined;
    throw invalidValue('model JSON format', `'${MODEL_FORMAT}' (a model saved by shallownet train or model.toJSON())`, doc.format, advice);
  }
  if (doc.version !== MODEL_VERSION) {
    throw invalidValue('model JSON version', `${MODEL_VERSION}, the version this shallownet reads`, doc.version, 'was it saved by a newer shallownet?');
  }
  checkKnownKeys(doc, KEYS, 'model JSON');
  return {
    task: checkChoice(doc.task, 'model JSON task', TASKS),
    targetName: checkName(doc.targetName, 'model JSON targetName'),
    featureNames: checkNames(doc.featureNames, 'model JSON featureNames'),
    classes: doc.classes === null || doc.classes === undefined ? undefined : checkNames(doc.classes, 'model JSON classes'),
    scaler: doc.scaler ?? undefined,
    targetScaler: doc.targetScaler ?? undefined,
    training: doc.training === undefined ? undefined : checkTraining(doc.training),
    history: checkHistory(doc.history),
    network: doc.network,
  };
}

function checkTraining(value: unknown): ModelTraining {
  const name = 'model JSON training';
  const given = checkObject(value, name);
  checkKnownKeys(given, TRAINING_KEYS, name);
  const flag = (key: string): boolean => {
    if (typeof given[key] !== 'boolean') throw invalidType(`${name}.${key}`, 'a boolean', given[key]);
    return given[key] as boolean;
  };
  const settings = checkObject(given.settings, `${name}.settings`);
  for (const [key, setting] of Object.entries(settings)) {
    if (!['string', 'number', 'boolean'].includes(typeof setting)) throw invalidType(`${name}.settings.${key}`, 'a string, number or boolean', setting);
  }
  const training: ModelTraining = {
    examples: checkInteger(given.examples, `${name}.examples`, 1),
    validationExamples: checkInteger(given.validationExamples, `${name}.validationExamples`, 0),
    epochs: checkInteger(given.epochs, `${name}.epochs`, 0),
    stoppedEarly: flag('stoppedEarly'),
    interrupted: flag('interrupted'),
    settings: settings as ModelTraining['settings'],
  };
  if (given.bestEpoch !== undefined) training.bestEpoch = checkInteger(given.bestEpoch, `${name}.bestEpoch`, 0);
  return training;
}

function checkHistory(value: unknown): Progress[] {
  const name = 'model JSON history';
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalidType(name, 'an array of progress records', value);
  return value.map((item, k) => {
    const record = checkObject(item, `${name}[${k}]`);
    checkKnownKeys(record, PROGRESS_KEYS, `${name}[${k}]`);
    const progress: Progress = {
      iteration: checkInteger(record.iteration, `${name}[${k}].iteration`, 0),
      epoch: checkInteger(record.epoch, `${name}[${k}].epoch`, 0),
      cost: checkNumber(record.cost, `${name}[${k}].cost`),
    };
    for (const key of ['validationCost', 'validationAccuracy', 'validationR2'] as const) {
      if (record[key] !== undefined) progress[key] = checkNumber(record[key], `${name}[${k}].${key}`);
    }
    return progress;
  });
}

/** A number; JSON has no NaN or Infinity, so a cost that was not finite is saved as null and read back as NaN. */
function checkNumber(value: unknown, name: string): number {
  if (value === null) return NaN;
  if (typeof value !== 'number') throw invalidType(name, 'a number', value);
  return value;
}
