/**
 * A trained model as an application uses it: the network with what turns raw
 * rows into its inputs (the feature names, in order, and the scaler) and its
 * outputs back into answers (the class labels, or the target's scale). Saved
 * as one JSON document, so `predict` on a new CSV file just works.
 */
import { invalidType, invalidValue, received, withContext } from '../argument-error';
import { toClassIndices } from '../class-indices';
import { StandardScaler, type StandardScalerJSON } from '../data/standard-scaler';
import { TASKS, type Task } from '../data/task';
import type { Matrix } from '../matrix';
import { ShallowNet } from '../net';
import type { ShallowNetJSON } from '../serialize';
import type { Backend, Progress } from '../types';
import { checkChoice, checkMatrix, checkName, checkNames } from '../validate';
import { mapColumnBlocks } from './column-blocks';
import { evaluateModel, type ModelEvaluation } from './model-evaluation';
import { MODEL_FORMAT, MODEL_VERSION, parseModelJSON, type ModelJSON, type ModelTraining } from './model-json';

/** What `new Model(...)` takes. */
export interface ModelOptions {
  /** The trained network: it takes the features as the scaler leaves them. */
  network: ShallowNet;
  /**
   * 'binary' (one sigmoid output, P(classes[1])), 'multiclass' (softmax, one
   * output per class) or 'regression' (one linear output).
   */
  task: Task;
  /** The feature columns' names, in the order of the network's inputs. */
  featureNames: readonly string[];
  /** The target column's name. */
  targetName: string;
  /** Class labels in class order; required for classification, absent for regression. */
  classes?: readonly string[];
  /** Standardisation of the features, fitted on the training set; absent: the network takes raw features. */
  scaler?: StandardScaler;
  /** Regression only: the target's standardisation; the network's output is mapped back through it. */
  targetScaler?: StandardScaler;
  /** The training's progress records (for learning curves). */
  history?: readonly Progress[];
  /** How it was trained (for the record). */
  training?: ModelTraining;
}

/** The output head each task needs. */
const HEADS: Record<Task, string> = {
  binary: 'one sigmoid output',
  multiclass: 'a softmax output of one unit per class',
  regression: 'one linear output',
};

/**
 * A network with its feature names, scaler, class labels and history.
 *
 * Every method takes raw features: X is (features, m), one row per entry of
 * `featureNames` in that order, one column per example, as `readCsvFeatures`
 * returns it given `{ features: model.featureNames }`. The scaler is applied
 * inside.
 *
 * @example
 * const model = Model.fromJSON(await readFile('model.json', 'utf8'));
 * const { X } = await readCsvFeatures('new.csv', { features: model.featureNames });
 * const labels = model.predict(X); // ['setosa', 'virginica', …]
 */
export class Model {
  readonly network: ShallowNet;
  readonly task: Task;
  readonly targetName: string;
  readonly #featureNames: string[];
  readonly #classes: string[] | undefined;
  readonly scaler: StandardScaler | undefined;
  readonly targetScaler: StandardScaler | undefined;
  readonly #history: Progress[];
  readonly training: ModelTraining | undefined;

  /** @throws TypeError / RangeError when the parts do not fit together (sizes, head, classes). */
  constructor(options: ModelOptions) {
    if (options === null || typeof options !== 'object') throw invalidType('Model options', 'an object', options);
    const { network, task, featureNames, targetName, classes, scaler, targetScaler, history = [], training } = options;
    if (!(network instanceof ShallowNet)) throw invalidType('network', 'a ShallowNet', network);
    checkChoice(task, 'task', TASKS);
    checkName(targetName, 'targetName');
    const names = checkNames(featureNames, 'featureNames');
    if (names.length !== network.inputSize) {
      throw invalidValue('featureNames', `${network.inputSize} names, one per input of the network`, received(`${names.length}`));
    }
    const labels = classes === undefined ? undefined : checkNames(classes, 'classes');
    checkHead(task, network, labels);
    if (scaler !== undefined) {
      if (!(scaler instanceof StandardScaler)) throw invalidType('scaler', 'a StandardScaler', scaler);
      if (scaler.features !== names.length) throw invalidValue('scaler', `fitted on ${names.length} features`, received(`one of ${scaler.features}`));
    }
    if (targetScaler !== undefined) {
      if (task !== 'regression') throw invalidValue('targetScaler', "given only for task 'regression'", received(`it for '${task}'`));
      if (!(targetScaler instanceof StandardScaler)) throw invalidType('targetScaler', 'a StandardScaler', targetScaler);
      if (targetScaler.features !== 1) throw invalidValue('targetScaler', 'fitted on the one target', received(`one of ${targetScaler.features} features`));
    }
    if (!Array.isArray(history)) throw invalidType('history', 'an array of progress records', history);
    this.network = network;
    this.task = task;
    this.targetName = targetName;
    this.#featureNames = names;
    this.#classes = labels;
    this.scaler = scaler;
    this.targetScaler = targetScaler;
    this.#history = history.map((record) => ({ ...record }));
    this.training = training === undefined ? undefined : { ...training, settings: { ...training.settings } };
  }

  /**
   * Reads a model saved with {@link Model.toJSON} (the object, or its JSON text).
   * @throws TypeError / RangeError naming what is wrong with the document.
   */
  static fromJSON(json: ModelJSON | string, options: { backend?: Backend | 'auto' } = {}): Model {
    const doc = parseModelJSON(json);
    const network = withContext('model JSON network', () => ShallowNet.fromJSON(doc.network as ShallowNetJSON, options));
    const scaler = doc.scaler === undefined ? undefined : withContext('model JSON scaler', () => StandardScaler.fromJSON(doc.scaler as StandardScalerJSON));
    const targetScaler =
      doc.targetScaler === undefined ? undefined : withContext('model JSON targetScaler', () => StandardScaler.fromJSON(doc.targetScaler as StandardScalerJSON));
    return new Model({
      network,
      task: doc.task,
      targetName: doc.targetName,
      featureNames: doc.featureNames,
      ...(doc.classes !== undefined && { classes: doc.classes }),
      ...(scaler !== undefined && { scaler }),
      ...(targetScaler !== undefined && { targetScaler }),
      history: doc.history,
      ...(doc.training !== undefined && { training: doc.training }),
    });
  }

  /** The feature columns' names, in the order of X's rows. */
  get featureNames(): string[] {
    return [...this.#featureNames];
  }

  /** Class labels in class order (classification); undefined for regression. */
  get classes(): string[] | undefined {
    return this.#classes === undefined ? undefined : [...this.#classes];
  }

  /** The training's progress records, one per epoch (for learning curves). */
  get history(): Progress[] {
    return this.#history.map((record) => ({ ...record }));
  }

  /** X as the network takes it: through the scaler, if there is one. */
  transform(X: Matrix): Matrix {
    const checked = this.#checkFeatures(X);
    return this.scaler === undefined ? checked : this.scaler.transform(checked);
  }

  /**
   * The network's outputs shaped like the Y that `readCsv` reads for this
   * model's target: binary (1, m) P(classes[1]); multiclass (classes, m)
   * probabilities; regression (1, m) values in the target's own units.
   */
  outputs(X: Matrix): Matrix {
    const checked = this.#checkFeatures(X);
    // A block of examples at a time: the network's activations for a million rows would take hundreds of MB.
    return mapColumnBlocks(checked, this.network.outputSize, (block) => {
      const output = this.network.predictProba(this.scaler === undefined ? block : this.scaler.transform(block));
      return this.targetScaler === undefined ? output : this.targetScaler.inverseTransform(output);
    });
  }

  /** The class index of each example (classification). */
  predictClasses(X: Matrix): Int32Array {
    this.#requireClassification('predictClasses');
    return toClassIndices(this.outputs(X));
  }

  /** The predicted label of each example, as in the training file (classification). */
  predictLabels(X: Matrix): string[] {
    const classes = this.#requireClassification('predictLabels');
    return Array.from(this.predictClasses(X), (c) => classes[c] as string);
  }

  /** The predicted value of each example, in the target's units (regression). */
  predictValues(X: Matrix): Float64Array {
    if (this.task !== 'regression') throw invalidValue('predictValues()', "called on a regression model (use predictLabels)", received(`a ${this.task} model`));
    return this.outputs(X).data;
  }

  /** Labels (classification) or values (regression), one per example. */
  predict(X: Matrix): string[] | Float64Array {
    return this.task === 'regression' ? this.predictValues(X) : this.predictLabels(X);
  }

  /** (classes, m): the probability of each class, row k for `classes[k]` (a binary model's too: rows 1 − p and p). */
  predictProba(X: Matrix): Matrix {
    this.#requireClassification('predictProba');
    const output = this.outputs(X);
    if (this.task === 'multiclass') return output;
    const m = output.cols;
    const data = new Float64Array(2 * m);
    for (let j = 0; j < m; j++) {
      const p = output.data[j] as number;
      data[j] = 1 - p;
      data[m + j] = p;
    }
    return { rows: 2, cols: m, data };
  }

  /**
   * How well the model does on labelled examples: Y as `readCsv` reads it with
   * this model's target, task and classes. Accuracy, log loss, the confusion
   * matrix and per-class precision/recall/F1 (classification), or MSE, RMSE
   * and R² in the target's units (regression).
   */
  evaluate(X: Matrix, Y: Matrix): ModelEvaluation {
    return evaluateModel(this, X, Y);
  }

  /** The saved form: one JSON document with the network, scalers, names, labels and history. */
  toJSON(): ModelJSON {
    const json: ModelJSON = {
      format: MODEL_FORMAT,
      version: MODEL_VERSION,
      task: this.task,
      targetName: this.targetName,
      featureNames: this.featureNames,
      classes: this.classes ?? null,
      scaler: this.scaler?.toJSON() ?? null,
      targetScaler: this.targetScaler?.toJSON() ?? null,
      ...(this.training !== undefined && { training: { ...this.training, settings: { ...this.training.settings } } }),
      history: this.history,
      network: this.network.toJSON(),
    };
    return json;
  }

  /** X must have one row per feature, in the model's order. */
  #checkFeatures(X: Matrix): Matrix {
    const checked = checkMatrix(X, 'X');
    if (checked.rows !== this.#featureNames.length) {
      const names = this.#featureNames.map((name) => JSON.stringify(name)).join(', ');
      throw invalidValue('X', `(${this.#featureNames.length}, m): one row per feature (${names})`, received(`(${checked.rows}, ${checked.cols})`));
    }
    return checked;
  }

  #requireClassification(method: string): string[] {
    if (this.#classes === undefined) throw invalidValue(`${method}()`, 'called on a classification model (use predictValues)', received('a regression model'));
    return this.#classes;
  }
}

/** The network's head must be the one the task needs, with one output per class. */
function checkHead(task: Task, network: ShallowNet, classes: string[] | undefined): void {
  const head = `${network.outputSize} ${network.outputActivation} output${network.outputSize === 1 ? '' : 's'}`;
  const wrongHead = () => invalidValue('network', `a network with ${HEADS[task]} for task '${task}'`, received(`one with ${head}`));
  if (task === 'regression') {
    if (classes !== undefined) throw invalidValue('classes', "absent for task 'regression'", classes);
    if (network.outputActivation !== 'linear' || network.outputSize !== 1) throw wrongHead();
    return;
  }
  if (classes === undefined) throw invalidType('classes', `the class labels for task '${task}'`, classes);
  if (classes.length < 2) throw invalidValue('classes', 'at least 2 labels', classes);
  if (task === 'binary') {
    if (classes.length !== 2) throw invalidValue('classes', "2 labels for task 'binary'", classes);
    if (network.outputActivation !== 'sigmoid' || network.outputSize !== 1) throw wrongHead();
    return;
  }
  if (network.outputActivation !== 'softmax') throw wrongHead();
  if (network.outputSize !== classes.length) {
    throw invalidValue('classes', `${network.outputSize} labels, one per output of the network`, received(`${classes.length}`));
  }
}
