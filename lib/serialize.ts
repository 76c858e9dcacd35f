/**
 * The saved form of a network. Parameters are stored as the little-endian
 * bytes of their Float64Arrays, base64-encoded: a decimal rendering would lose
 * the sign of -0 and is three times larger, and the point of a save is that
 * the loaded network predicts bit for bit as the saved one did.
 */
import type { Activation, Sizes } from './engine';
import { describe } from './describe';
import { checkActivation, checkInteger, checkObject, MAX_DIMENSION } from './validate';

export const FORMAT = 'shallownet';
export const FORMAT_VERSION = 1;

/** A saved parameter: its shape and its values. */
export interface SavedMatrix {
  rows: number;
  cols: number;
  /** base64 of the row-major values as little-endian float64. */
  float64le: string;
}

/** What `net.toJSON()` returns and `ShallowNet.fromJSON()` reads. */
export interface ShallowNetJSON {
  format: 'shallownet';
  version: 1;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  hiddenActivation: Activation;
  parameters: { W1: SavedMatrix; b1: SavedMatrix; W2: SavedMatrix; b2: SavedMatrix };
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function encode(values: Float64Array, rows: number, cols: number): SavedMatrix {
  const copy = Float64Array.from(values);
  const bytes = new Uint8Array(copy.buffer);
  if (!littleEndian) swapBytes(bytes);
  return { rows, cols, float64le: Buffer.from(bytes).toString('base64') };
}

function swapBytes(bytes: Uint8Array): void {
  for (let k = 0; k < bytes.length; k += 8) bytes.subarray(k, k + 8).reverse();
}

function decode(value: unknown, name: string, rows: number, cols: number): Float64Array {
  const saved = checkObject(value, name);
  if (saved.rows !== rows || saved.cols !== cols) {
    throw new RangeError(`${name} must be (${rows}, ${cols}) for these sizes, got (${describe(saved.rows)}, ${describe(saved.cols)})`);
  }
  if (typeof saved.float64le !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(saved.float64le)) {
    throw new TypeError(`${name}.float64le must be a base64 string, got ${describe(saved.float64le)}`);
  }
  const bytes = Buffer.from(saved.float64le, 'base64');
  if (bytes.length !== rows * cols * 8) {
    throw new RangeError(`${name}.float64le must encode ${rows * cols} float64 values (${rows * cols * 8} bytes), got ${bytes.length} bytes`);
  }
  const copy = new Uint8Array(bytes);
  if (!littleEndian) swapBytes(copy);
  const values = new Float64Array(copy.buffer);
  for (let k = 0; k < values.length; k++) {
    if (!Number.isFinite(values[k])) throw new RangeError(`${name} value ${k} is ${values[k]}; saved parameters must be finite`);
  }
  return values;
}

/** Reads and checks a saved network; throws a TypeError or RangeError naming what is wrong. */
export function parseSaved(input: unknown): {
  sizes: Sizes;
  activation: Activation;
  W1: Float64Array;
  b1: Float64Array;
  W2: Float64Array;
  b2: Float64Array;
} {
  let value = input;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (error) {
      throw new TypeError(`fromJSON(): the string is not JSON (${(error as Error).message})`);
    }
  }
  const doc = checkObject(value, 'fromJSON() document');
  if (doc.format !== FORMAT) {
    throw new TypeError(`fromJSON(): format must be '${FORMAT}', got ${describe(doc.format)}; is this a shallownet save?`);
  }
  if (doc.version !== FORMAT_VERSION) {
    throw new RangeError(`fromJSON(): version ${describe(doc.version)} is not supported; this shallownet reads version ${FORMAT_VERSION}`);
  }
  const sizes: Sizes = {
    inputSize: checkInteger(doc.inputSize, 'inputSize', 1, MAX_DIMENSION),
    hiddenSize: checkInteger(doc.hiddenSize, 'hiddenSize', 1, MAX_DIMENSION),
    outputSize: checkInteger(doc.outputSize, 'outputSize', 1, MAX_DIMENSION),
  };
  const activation = checkActivation(doc.hiddenActivation, 'hiddenActivation');
  const parameters = checkObject(doc.parameters, 'parameters');
  const { inputSize: n0, hiddenSize: n1, outputSize: n2 } = sizes;
  return {
    sizes,
    activation,
    W1: decode(parameters.W1, 'parameters.W1', n1, n0),
    b1: decode(parameters.b1, 'parameters.b1', n1, 1),
    W2: decode(parameters.W2, 'parameters.W2', n2, n1),
    b2: decode(parameters.b2, 'parameters.b2', n2, 1),
  };
}
