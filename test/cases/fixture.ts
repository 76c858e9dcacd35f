// The fixture every validation table uses: a 2-3-1 network and m = 4
// examples, with the X and Y that go with it.
import { ShallowNet, type Matrix } from 'shallownet';
import { bernoulliMatrix, gaussianMatrix, Random } from '../helpers';

export const n0 = 2;
export const n1 = 3;
export const n2 = 1;
export const m = 4;

const fixtureRandom = new Random(2024);
export const X = gaussianMatrix(fixtureRandom, n0, m);
export const Y = bernoulliMatrix(fixtureRandom, n2, m);

/** A (rows, cols) matrix holding `value` everywhere. */
export function filled(rows: number, cols: number, value: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols).fill(value) };
}

/** A copy of M with data[index] = value. */
export function withValue(M: Matrix, index: number, value: number): Matrix {
  const data = M.data.slice();
  data[index] = value;
  return { rows: M.rows, cols: M.cols, data };
}

/** A fresh network on `backend` with the fixture's sizes. */
export function makeNet(backend: string, seed = 7): ShallowNet {
  return new ShallowNet({ inputSize: n0, hiddenSize: n1, outputSize: n2, seed, backend: backend as 'native' | 'ts' });
}

/** The net's parameters packed [W1 | b1 | W2 | b2], a copy. */
export function packedParameters(net: ShallowNet): Float64Array {
  const { W1, b1, W2, b2 } = net.parameters();
  return Float64Array.from([...W1.data, ...b1.data, ...W2.data, ...b2.data]);
}
