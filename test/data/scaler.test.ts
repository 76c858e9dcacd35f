// The standardiser: fitted statistics and transformed values worked by hand,
// saving and loading, and the far-from-unit-scale rule.
import { describe, expect, it } from 'vitest';
import { featuresFarFromUnitScale, fromExamples, matrix, StandardScaler } from 'shallownet';

// Two features over four examples: 1, 2, 3, 4 (mean 2.5, population variance 1.25) and a constant 0.1.
const X = matrix(2, 4, [1, 2, 3, 4, 0.1, 0.1, 0.1, 0.1]);
const s = Math.sqrt(1.25);

describe('StandardScaler', () => {
  it('fits the mean and population standard deviation; a constant feature keeps scale 1', () => {
    const scaler = StandardScaler.fit(X);
    expect(scaler.features).toBe(2);
    expect(Array.from(scaler.mean)).toEqual([2.5, 0.1]);
    expect(Array.from(scaler.scale)).toEqual([s, 1]);
  });

  it('transforms to mean 0 and deviation 1, leaving X as it was', () => {
    const scaler = StandardScaler.fit(X);
    const Z = scaler.transform(X);
    expect({ rows: Z.rows, cols: Z.cols }).toEqual({ rows: 2, cols: 4 });
    expect(Array.from(Z.data)).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s, 0, 0, 0, 0]);
    expect(Array.from(X.data)).toEqual([1, 2, 3, 4, 0.1, 0.1, 0.1, 0.1]);
  });

  it('transformInPlace gives transform\'s very bits, in X itself', () => {
    const scaler = StandardScaler.fit(X);
    const other = matrix(2, 3, [2.5, 10, -7.25, 0.1, 1.1, 1e-3]);
    const expected = Array.from(scaler.transform(other).data);
    const data = other.data;
    scaler.transformInPlace(other);
    expect(other.data).toBe(data);
    expect(Array.from(other.data)).toEqual(expected);
    const bad = matrix(2, 1, [1, NaN]);
    expect(() => scaler.transformInPlace(bad)).toThrow(RangeError);
    expect(bad.data[0]).toBe(1);
  });

  it('applies the training statistics to other data, and inverts', () => {
    const scaler = StandardScaler.fit(X);
    const other = matrix(2, 2, [2.5, 10, 0.1, 1.1]);
    const Z = scaler.transform(other);
    expect(Array.from(Z.data)).toEqual([0, 7.5 / s, 0, 1.1 - 0.1]);
    const back = scaler.inverseTransform(Z);
    expect(Array.from(back.data)).toEqual([2.5, 10, 0.1, 1.1]);
  });

  it('saves to plain JSON and loads back to the same transform', () => {
    const scaler = StandardScaler.fit(fromExamples([[0.1, 1000], [0.7, 2500], [0.3, 1300]]));
    const text = JSON.stringify(scaler);
    const document = JSON.parse(text);
    expect(document.format).toBe('shallownet-standard-scaler');
    expect(document.version).toBe(1);
    const loaded = StandardScaler.fromJSON(text);
    const again = StandardScaler.fromJSON(document);
    const probe = fromExamples([[0.2, 1800], [-3, 0]]);
    expect(Array.from(loaded.transform(probe).data)).toEqual(Array.from(scaler.transform(probe).data));
    expect(Array.from(again.transform(probe).data)).toEqual(Array.from(scaler.transform(probe).data));
  });

  it('hands out copies of its statistics', () => {
    const scaler = StandardScaler.fit(X);
    scaler.mean[0] = 100;
    scaler.scale[0] = 100;
    expect(Array.from(scaler.mean)).toEqual([2.5, 0.1]);
    expect(scaler.scale[0]).toBe(s);
  });

  it('refuses bad input and bad documents with errors that say what is wrong', () => {
    const scaler = StandardScaler.fit(X);
    expect(() => scaler.transform(matrix(3, 1, [1, 2, 3]))).toThrow(
      new RangeError('X must be (2, m): one row per feature the scaler was fitted on, got (3, 1)'),
    );
    expect(() => scaler.transform(matrix(2, 1, [1, NaN]))).toThrow(/X must be finite everywhere \(no NaN or ±Infinity\), got X\[1\]\[0\] = NaN/);
    expect(() => StandardScaler.fit(matrix(1, 2, [1, Infinity]))).toThrow(RangeError);
    expect(() => StandardScaler.fromJSON('{')).toThrow(RangeError);
    expect(() => StandardScaler.fromJSON('{')).toThrow(/^StandardScaler JSON must be a saved StandardScaler or its JSON text, got text that is not JSON \(/);
    const good = scaler.toJSON();
    expect(() => StandardScaler.fromJSON({ ...good, format: 'other' } as never)).toThrow(
      new RangeError(`StandardScaler JSON format must be 'shallownet-standard-scaler', got "other"`),
    );
    expect(() => StandardScaler.fromJSON({ ...good, version: 2 } as never)).toThrow(/version must be 1, got 2/);
    expect(() => StandardScaler.fromJSON({ ...good, scale: [1, 0] })).toThrow(new RangeError('scale[1] must be a number > 0, got 0'));
    expect(() => StandardScaler.fromJSON({ ...good, scale: [1] })).toThrow(new RangeError('scale must be 2 values, one per feature as in mean, got 1'));
    expect(() => StandardScaler.fromJSON({ ...good, mean: [1, '2'] } as never)).toThrow(new TypeError('mean[1] must be a number, got "2"'));
    expect(() => StandardScaler.fromJSON({ ...good, extra: 1 } as never)).toThrow(/unknown option 'extra'/);
  });
});

describe('featuresFarFromUnitScale', () => {
  it('flags large and small spreads and large offsets, with names and reasons', () => {
    const X = fromExamples([
      // area (spread ~ 300), fractal dimension (spread ~ 0.007), year (offset 2000), a unit feature, a constant 0
      [300, 0.05, 2000, -1, 0],
      [900, 0.06, 2001, 0, 0],
      [600, 0.065, 1999, 1, 0],
    ]);
    const found = featuresFarFromUnitScale(X, ['area', 'fractal', 'year', 'unit', 'zero']);
    expect(found.map((f) => f.name)).toEqual(['area', 'fractal', 'year']);
    expect(found.map((f) => f.feature)).toEqual([0, 1, 2]);
    expect(found[0]!.reason).toBe('standard deviation 244.9 is above 10');
    expect(found[0]!.mean).toBe(600);
    expect(found[1]!.reason).toBe('standard deviation 0.006236 is below 0.1');
    expect(found[2]!.reason).toBe('mean 2000 is farther than 10 from 0');
  });

  it('passes features near unit scale, such as iris\'s', () => {
    const iris = fromExamples([
      [5.1, 3.5, 1.4, 0.2],
      [7.0, 3.2, 4.7, 1.4],
      [6.3, 3.3, 6.0, 2.5],
      [4.9, 3.0, 1.4, 0.2],
    ]);
    expect(featuresFarFromUnitScale(iris)).toEqual([]);
    expect(featuresFarFromUnitScale(StandardScaler.fit(iris).transform(iris))).toEqual([]);
  });

  it('refuses names that do not match the rows', () => {
    expect(() => featuresFarFromUnitScale(X, ['a'])).toThrow(new RangeError('featureNames must be 2 names, one per row of X, got 1'));
  });
});
