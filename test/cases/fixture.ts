// The fixture every validation table uses: a 2-3-1 network and m = 4
// examples, with the X and Y that go with it; and the same X with targets
// for the other output heads (a 2-3-3 softmax net, a 2-3-1 linear one).
import { ShallowNet, type Matrix } from 'shallownet';
import { bernoulliMatrix, flat, gaussianMatrix, Random } from '../helpers';

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

export type Head = 'sigmoid' | 'softmax' | 'linear';

/** Classes of the softmax fixture (its outputSize). */
export const classes = 3;
/** One-hot targets of the softmax net: examples of classes 0, 2, 1, 2. */
export const YSoftmax: Matrix = { rows: classes, cols: m, data: Float64Array.from([1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1]) };
/** Targets of the linear net: values a sigmoid's targets could not be. */
export const YLinear: Matrix = { rows: 1, cols: m, data: Float64Array.from([-2.5, 0.75, 3, -0.25]) };

/** Each output head's fixture: its outputSize and valid targets for X. */
export const heads: Record<Head, { outputSize: number; Y: Matrix }> = {
  sigmoid: { outputSize: n2, Y },
  softmax: { outputSize: classes, Y: YSoftmax },
  linear: { outputSize: 1, Y: YLinear },
};

/** A fresh network on `backend` with the fixture's sizes (and `head`'s outputSize). */
export function makeNet(backend: string, seed = 7, head: Head = 'sigmoid'): ShallowNet {
  return new ShallowNet({
    inputSize: n0,
    hiddenSize: n1,
    outputSize: heads[head].outputSize,
    outputActivation: head,
    seed,
    backend: backend as 'native' | 'ts',
  });
}

/** The net's parameters packed [W1 | b1 | W2 | b2], a copy. */
export function packedParameters(net: ShallowNet): Float64Array {
  return flat(net.parameters());
}
