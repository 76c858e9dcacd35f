// The functions beside the network: computeCost, matrix(), fromExamples(),
// fromLabels(), toExamples() and setThreads() reject malformed arguments with
// a TypeError or RangeError whose message names the argument.
import { describe, expect, it } from 'vitest';
import { computeCost, fromExamples, fromLabels, matrix, setThreads, toExamples, type Matrix } from 'shallownet';
import { filled, m, n2, withValue, Y } from '../cases/fixture';
import { malformedMatrix } from '../cases/public-api';
import { expectRejection, names, thrownBySync, type BadValue, type Rejection } from '../cases/rejection';

describe('computeCost(A2, Y)', () => {
  const A2 = filled(n2, m, 0.5);
  const cases: (BadValue & { which: 'A2' | 'Y' })[] = [
    ...malformedMatrix('A2', n2, m).map((bad) => ({ ...bad, name: `A2: ${bad.name}`, which: 'A2' as const })),
    ...malformedMatrix('Y', n2, m, 1).map((bad) => ({ ...bad, name: `Y: ${bad.name}`, which: 'Y' as const })),
    {
      name: 'A2 and Y of different shapes',
      which: 'Y',
      value: filled(n2, m + 1, 1),
      kind: RangeError,
      message: [names('A2'), names('Y'), new RegExp(`^Y must be the shape of A2, \\(${n2}, ${m}\\), got \\(${n2}, ${m + 1}\\)$`)],
    },
    { name: 'A2 holding NaN', which: 'A2', value: withValue(A2, 0, NaN), kind: RangeError, message: [names('A2'), /\[0, 1\]/] },
    { name: 'A2 holding 1.5', which: 'A2', value: withValue(A2, 1, 1.5), kind: RangeError, message: [names('A2'), /\[0, 1\]/] },
    { name: 'Y holding -1', which: 'Y', value: withValue(Y, 1, -1), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
    { name: 'Y holding NaN', which: 'Y', value: withValue(Y, 1, NaN), kind: RangeError, message: [names('Y'), /\[0, 1\]/] },
  ];
  it.each(cases)('$name', ({ which, value, kind, message }) => {
    const error = thrownBySync(() => (which === 'A2' ? computeCost(value as Matrix, Y) : computeCost(A2, value as Matrix)));
    expectRejection(error, kind, message);
  });
});

describe('matrix(), fromExamples(), fromLabels(), setThreads()', () => {
  const cases: (Rejection & { call: () => unknown })[] = [
    { name: "matrix('2', 2)", call: () => matrix('2' as unknown as number, 2), kind: TypeError, message: [names('rows'), /number/] },
    { name: 'matrix(2, null)', call: () => matrix(2, null as unknown as number), kind: TypeError, message: [names('cols'), /number/] },
    { name: 'matrix(-1, 2)', call: () => matrix(-1, 2), kind: RangeError, message: [names('rows'), /integer/] },
    { name: 'matrix(2, 1.5)', call: () => matrix(2, 1.5), kind: RangeError, message: [names('cols'), /integer/] },
    { name: 'matrix(NaN, 2)', call: () => matrix(NaN, 2), kind: RangeError, message: [names('rows'), /integer/] },
    { name: 'matrix(2, Infinity)', call: () => matrix(2, Infinity), kind: RangeError, message: [names('cols'), /integer/] },
    { name: 'matrix(2, 2, 3 values)', call: () => matrix(2, 2, [1, 2, 3]), kind: RangeError, message: [names('values'), /4/] },
    { name: 'matrix(2**31, 2**31) (huge)', call: () => matrix(2 ** 31, 2 ** 31), kind: RangeError, message: [/matrix\(\)/, /rows|cols/] },
    { name: 'matrix(1e5, 1e5) (80 GB)', call: () => matrix(1e5, 1e5), kind: RangeError, message: [/matrix\(\)/, /rows|cols/] },
    { name: 'matrix(2, 2, null)', call: () => matrix(2, 2, null as unknown as number[]), kind: TypeError, message: [names('values')] },
    { name: 'matrix(2, 2, 5)', call: () => matrix(2, 2, 5 as unknown as number[]), kind: TypeError, message: [names('values')] },
    { name: "matrix(1, 2, '12') (a string)", call: () => matrix(1, 2, '12' as unknown as number[]), kind: TypeError, message: [names('values')] },
    { name: "matrix(1, 2, ['a', 'b'])", call: () => matrix(1, 2, ['a', 'b'] as unknown as number[]), kind: TypeError, message: [/values\[0\]/, /number/] },
    { name: 'fromExamples(null)', call: () => fromExamples(null as unknown as number[][]), kind: TypeError, message: [names('examples'), /array/] },
    { name: 'fromExamples(5)', call: () => fromExamples(5 as unknown as number[][]), kind: TypeError, message: [names('examples'), /array/] },
    { name: "fromExamples('ab')", call: () => fromExamples('ab' as unknown as number[][]), kind: TypeError, message: [names('examples'), /array/] },
    { name: 'fromExamples([]) (m = 0)', call: () => fromExamples([]), kind: RangeError, message: [names('examples'), /at least one/] },
    { name: 'fromExamples([1, 2]) (flat)', call: () => fromExamples([1, 2] as unknown as number[][]), kind: TypeError, message: [/examples\[0\]/, /array/] },
    { name: 'fromExamples([[1, 2], [3]]) (ragged)', call: () => fromExamples([[1, 2], [3]]), kind: RangeError, message: [/examples\[1\]/, /2 features/] },
    { name: "fromExamples([[1, 'a']])", call: () => fromExamples([[1, 'a']] as unknown as number[][]), kind: TypeError, message: [/examples\[0\]\[1\]/, /number/] },
    { name: 'fromExamples([[1], null])', call: () => fromExamples([[1], null] as unknown as number[][]), kind: TypeError, message: [/examples\[1\]/] },
    { name: 'fromExamples([{ length: 1e10 }]) (huge)', call: () => fromExamples([{ length: 1e10 }] as unknown as number[][]), kind: RangeError, message: [/fromExamples\(\)/, /examples/] },
    { name: 'fromExamples({ length: 2**40 }) (huge)', call: () => fromExamples({ length: 2 ** 40, 0: [1] } as unknown as number[][]), kind: RangeError, message: [/fromExamples\(\)/, /examples/] },
    { name: 'fromLabels(null)', call: () => fromLabels(null as unknown as number[]), kind: TypeError, message: [names('labels'), /array/] },
    { name: 'fromLabels(1)', call: () => fromLabels(1 as unknown as number[]), kind: TypeError, message: [names('labels'), /array/] },
    { name: 'fromLabels([]) (m = 0)', call: () => fromLabels([]), kind: RangeError, message: [/fromLabels\(\)/, names('labels')] },
    { name: "fromLabels([0, 'a'])", call: () => fromLabels([0, 'a'] as unknown as number[]), kind: TypeError, message: [/labels\[1\]/, /number/] },
    { name: "fromLabels(['a'])", call: () => fromLabels(['a'] as unknown as number[]), kind: TypeError, message: [/fromLabels\(\)/, /labels\[0\]/] },
    { name: 'fromLabels([[0], [1, 1]]) (ragged)', call: () => fromLabels([[0], [1, 1]]), kind: RangeError, message: [/\[1\]/] },
    { name: "setThreads('2')", call: () => setThreads('2' as unknown as number), kind: TypeError, message: [names('threads'), /number/] },
    { name: 'setThreads(0)', call: () => setThreads(0), kind: RangeError, message: [names('threads'), /integer/] },
    { name: 'setThreads(1.5)', call: () => setThreads(1.5), kind: RangeError, message: [names('threads'), /integer/] },
    { name: 'setThreads(NaN)', call: () => setThreads(NaN), kind: RangeError, message: [names('threads'), /integer/] },
    { name: 'setThreads(1025)', call: () => setThreads(1025), kind: RangeError, message: [names('threads'), /integer/] },
  ];
  it.each(cases)('$name', ({ call, kind, message }) => {
    expectRejection(thrownBySync(call), kind, message);
  });
});

describe('toExamples(M)', () => {
  const M = 'toExamples(): M';
  const cases: BadValue[] = [
    { name: 'toExamples(null)', value: null, kind: TypeError, message: [names(M), /matrix/] },
    {
      name: 'toExamples({ rows: 2, cols: 2, data: new Float64Array(1) }) (data too short)',
      value: { rows: 2, cols: 2, data: new Float64Array(1) },
      kind: RangeError,
      message: [names(`${M}.data`), /^toExamples\(\): M\.data must be rows \* cols = 2 \* 2 = 4 values long, got 1$/],
    },
    ...malformedMatrix(M, 2, 3).map((bad) => ({ ...bad, name: `M: ${bad.name}` })),
  ];
  it.each(cases)('$name', ({ value, kind, message }) => {
    expectRejection(thrownBySync(() => toExamples(value as Matrix)), kind, message);
  });

  it('gives back the rows fromExamples() was built from', () => {
    const rows = [[1, -2, 0.5], [3, 4, -0], [Number.MAX_VALUE, 1e-300, 7]];
    const back = toExamples(fromExamples(rows));
    expect(back).toEqual(rows);
    expect(Object.is(back[1]![2], -0)).toBe(true);
  });
});
