/**
 * The saved form of a network. Parameters are stored as the little-endian
 * bytes of their Float64Arrays, base64-encoded: a decimal rendering would lose
 * the sign of -0 and is three times larger, and the point of a save is that
 * the loaded network predicts bit for bit as the saved one did.
 */
import { invalidType, invalidValue, received } from './argument-error';
import { blocks, type Activation, type OutputActivation, type Sizes } from './engine';
import { MAX_DIMENSION } from './limits';
import { allocateParameters } from './packing';
import { checkActivation, checkInteger, checkObject, checkOutputActivation, parseJsonText } from './validate';

export const FORMAT = 'shallownet';
/** Version 2 adds outputActivation; version 1 (written before it existed) loads as 'sigmoid'. */
export const FORMAT_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

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
  version: 1 | 2;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  hiddenActivation: Activation;
  /** Absent in version 1 (the lecture's sigmoid). */
  outputActivation?: OutputActivation;
  parameters: { W1: SavedMatrix; b1: SavedMatrix; W2: SavedMatrix; b2: SavedMatrix };
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

function swapBytes(bytes: Uint8Array): void {
  for (let k = 0; k < bytes.length; k += 8) bytes.subarray(k, k + 8).reverse();
}

/** The parameters of a packed buffer (a copy the caller owns), each encoded straight from its bytes. */
export function encodePacked(packed: Float64Array, sizes: Sizes): ShallowNetJSON['parameters'] {
  const bytes = new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
  if (!littleEndian) swapBytes(bytes);
  const saved = {} as ShallowNetJSON['parameters'];
  for (const { name, from, to, rows, cols } of blocks(sizes)) {
    saved[name] = { rows, cols, float64le: Buffer.from(bytes.buffer, bytes.byteOffset + 8 * from, 8 * (to - from)).toString('base64') };
  }
  return saved;
}

/** Decodes one saved parameter into packed[offset ...]. */
function decodeInto(value: unknown, name: string, rows: number, cols: number, packed: Float64Array, offset: number): void {
  const saved = checkObject(value, name);
  if (saved.rows !== rows || saved.cols !== cols) {
    throw invalidValue(name, `(${rows}, ${cols}) for these sizes`, received(`(${String(saved.rows)}, ${String(saved.cols)})`));
  }
  if (typeof saved.float64le !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(saved.float64le)) {
    throw invalidType(`${name}.float64le`, 'a base64 string', saved.float64le);
  }
  const bytes = Buffer.from(saved.float64le, 'base64');
  if (bytes.length !== rows * cols * 8) {
    throw invalidValue(`${name}.float64le`, `${rows * cols} float64 values (${rows * cols * 8} bytes)`, received(`${bytes.length} bytes`));
  }
  const target = new Uint8Array(packed.buffer, packed.byteOffset + 8 * offset, bytes.length);
  target.set(bytes);
  if (!littleEndian) swapBytes(target);
  for (let k = offset; k < offset + rows * cols; k++) {
    if (!Number.isFinite(packed[k])) throw invalidValue(name, 'finite everywhere', received(`value ${k - offset} = ${packed[k]}`));
  }
}

/** Reads and checks a saved network; throws a TypeError or RangeError naming what is wrong. */
export function parseSaved(input: unknown): { sizes: Sizes; activation: Activation; output: OutputActivation; params: Float64Array } {
  const doc = checkObject(parseJsonText(input, 'fromJSON(): json', 'a saved network or its JSON text'), 'fromJSON(): json');
  if (doc.format !== FORMAT) throw invalidType('fromJSON(): format', `'${FORMAT}' (is this a shallownet save?)`, doc.format);
  if (!READABLE_VERSIONS.includes(doc.version as number)) {
    throw invalidValue('fromJSON(): version', `one of ${READABLE_VERSIONS.join(', ')}, the versions this shallownet reads`, doc.version);
  }
  const sizes: Sizes = {
    inputSize: checkInteger(doc.inputSize, 'inputSize', 1, MAX_DIMENSION),
    hiddenSize: checkInteger(doc.hiddenSize, 'hiddenSize', 1, MAX_DIMENSION),
    outputSize: checkInteger(doc.outputSize, 'outputSize', 1, MAX_DIMENSION),
  };
  const activation = checkActivation(doc.hiddenActivation, 'hiddenActivation');
  const output = doc.version === 1 ? 'sigmoid' : checkOutputActivation(doc.outputActivation, sizes.outputSize);
  const parameters = checkObject(doc.parameters, 'parameters');
  const params = allocateParameters(sizes);
  for (const { name, from, rows, cols } of blocks(sizes)) decodeInto(parameters[name], `parameters.${name}`, rows, cols, params, from);
  return { sizes, activation, output, params };
}
