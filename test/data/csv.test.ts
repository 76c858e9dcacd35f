// readCsv and readCsvFeatures on small files: what they return (exact values),
// and for each kind of bad file, an error that names the file, line, column
// and value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvDataError, inferTask, MAX_INFERRED_CLASSES, readCsv, readCsvFeatures, type CsvProgress } from 'shallownet';
import { GrowingMatrix } from '../../lib/data/growing-matrix';
import { fixture } from './fixtures';

const directory = mkdtempSync(join(tmpdir(), 'shallownet-csv-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let written = 0;

/** Writes `text` to a new file and returns its path. */
function csvFile(text: string, name = `file-${written++}.csv`): string {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

/** The CsvDataError a read rejects with. */
async function dataError(read: Promise<unknown>): Promise<CsvDataError> {
  const error = await read.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(CsvDataError);
  return error as CsvDataError;
}

describe('readCsv: what it returns', () => {
  it('reads string labels one-hot in sorted order, with the target in the middle', async () => {
    const data = await readCsv(fixture('flowers.csv'), { target: 'species' });
    expect(data.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length']);
    expect(data.targetName).toBe('species');
    expect(data.task).toBe('multiclass');
    expect(data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(data.X.rows).toBe(3);
    expect(data.X.cols).toBe(6);
    expect(Array.from(data.X.data)).toEqual([5.1, 7.0, 6.3, 4.9, 6.4, 5.8, 3.5, 3.2, 3.3, 3.0, 3.2, 2.7, 1.4, 4.7, 6.0, 1.4, 4.5, 5.1]);
    expect({ rows: data.Y.rows, cols: data.Y.cols }).toEqual({ rows: 3, cols: 6 });
    expect(Array.from(data.Y.data)).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
  });

  it('reads two string classes as one 0/1 row, 1 for the second class in sorted order (target first)', async () => {
    const data = await readCsv(fixture('binary-strings.csv'), { target: 'label' });
    expect(data.task).toBe('binary');
    expect(data.classes).toEqual(['B', 'M']);
    expect(data.featureNames).toEqual(['radius', 'texture']);
    expect({ rows: data.Y.rows, cols: data.Y.cols }).toEqual({ rows: 1, cols: 4 });
    expect(Array.from(data.Y.data)).toEqual([1, 0, 0, 1]);
    expect(Array.from(data.X.data)).toEqual([17.99, 13.54, 13.08, 20.57, 10.38, 14.36, 15.71, 17.77]);
  });

  it('reads a few integer codes as classes, and a non-integer target as regression', async () => {
    const coded = await readCsv(fixture('coded.csv'), { target: 'y' });
    expect(coded.task).toBe('multiclass');
    expect(coded.classes).toEqual(['0', '1', '2']);
    expect(Array.from(coded.Y.data)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0]);

    const regression = await readCsv(fixture('regression.csv'), { target: 'progression' });
    expect(regression.task).toBe('regression');
    expect(regression.classes).toBeUndefined();
    expect({ rows: regression.Y.rows, cols: regression.Y.cols }).toEqual({ rows: 1, cols: 4 });
    expect(Array.from(regression.Y.data)).toEqual([151, 75, 141, 206.5]);
    expect(Array.from(regression.X.data)).toEqual([0.038, -0.002, 0.085, -0.089, 0.062, -0.051, 0.044, -0.012]);
  });

  it('follows an explicit task over the inferred one', async () => {
    const regressed = await readCsv(fixture('coded.csv'), { target: 'y', task: 'regression' });
    expect(regressed.task).toBe('regression');
    expect(Array.from(regressed.Y.data)).toEqual([0, 1, 2, 1]);

    const oneHot = await readCsv(fixture('binary-strings.csv'), { target: 'label', task: 'multiclass' });
    expect(oneHot.classes).toEqual(['B', 'M']);
    expect({ rows: oneHot.Y.rows, cols: oneHot.Y.cols }).toEqual({ rows: 2, cols: 4 });
    expect(Array.from(oneHot.Y.data)).toEqual([0, 1, 1, 0, 1, 0, 0, 1]);
  });

  it('encodes Y in the order of given classes (a saved model\'s)', async () => {
    const data = await readCsv(fixture('binary-strings.csv'), { target: 'label', classes: ['M', 'B'] });
    expect(data.task).toBe('binary');
    expect(data.classes).toEqual(['M', 'B']);
    expect(Array.from(data.Y.data)).toEqual([0, 1, 1, 0]);
    // A class absent from the file still has its row.
    const three = await readCsv(fixture('binary-strings.csv'), { target: 'label', classes: ['B', 'M', 'X'] });
    expect(three.task).toBe('multiclass');
    expect(three.Y.rows).toBe(3);
    expect(Array.from(three.Y.data)).toEqual([0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('takes the feature columns by name, in the order asked', async () => {
    const data = await readCsv(fixture('flowers.csv'), { target: 'species', features: ['petal_length', 'sepal_length'] });
    expect(data.featureNames).toEqual(['petal_length', 'sepal_length']);
    expect(Array.from(data.X.data)).toEqual([1.4, 4.7, 6.0, 1.4, 4.5, 5.1, 5.1, 7.0, 6.3, 4.9, 6.4, 5.8]);
  });

  it('names numeric labels by value and orders them by value', async () => {
    const data = await readCsv(csvFile('a,y\n1,2\n2,10.0\n3,1e0\n4,2\n5,10\n6,1\n'), { target: 'y' });
    expect(data.classes).toEqual(['1', '2', '10']);
    expect(data.Y.rows).toBe(3);
    // Column j is one-hot at its class: 2 → row 1, 10 → row 2, 1 → row 0.
    const classOf = (j: number) => [0, 1, 2].find((c) => data.Y.data[c * 6 + j] === 1);
    expect([0, 1, 2, 3, 4, 5].map(classOf)).toEqual([1, 2, 0, 1, 2, 0]);
  });

  it('handles a byte-order mark, quotes, spaces, CRLF, blank lines and another delimiter', async () => {
    const data = await readCsv(csvFile('\uFEFFa;"b";t\r\n 1 ; "2";x\r\n\r\n3;4e1;"y"\r\n'), { target: 't', delimiter: ';' });
    expect(data.featureNames).toEqual(['a', 'b']);
    expect(Array.from(data.X.data)).toEqual([1, 3, 2, 40]);
    expect(data.classes).toEqual(['x', 'y']);
  });

  it('streams a file of many rows into exact matrices, reporting progress up to the whole file', async () => {
    const m = 100_000;
    const lines = ['x1,x2,label'];
    for (let j = 0; j < m; j++) lines.push(`${j},${(j % 97) / 8 - 3},${j % 3 === 0 ? 'a' : 'b'}`);
    const path = csvFile(`${lines.join('\n')}\n`);
    const reports: CsvProgress[] = [];
    const data = await readCsv(path, { target: 'label', onProgress: (progress) => reports.push(progress) });
    expect(data.X.cols).toBe(m);
    expect(data.X.data.length).toBe(2 * m);
    for (const j of [0, 1, 1023, 1024, 1025, 29_999, m - 1]) {
      expect(data.X.data[j]).toBe(j);
      expect(data.X.data[m + j]).toBe((j % 97) / 8 - 3);
      expect(data.Y.data[j]).toBe(j % 3 === 0 ? 0 : 1);
    }
    const totalBytes = Buffer.byteLength(`${lines.join('\n')}\n`);
    expect(reports.length).toBeGreaterThanOrEqual(2); // the file is over 1 MiB: at least one report on the way, and the last
    expect(reports.at(-1)).toEqual({ rows: m, bytes: totalBytes, totalBytes });
    for (let k = 1; k < reports.length; k++) expect(reports[k]!.bytes).toBeGreaterThan(reports[k - 1]!.bytes);
  });
});

describe('readCsv: bad files', () => {
  it('names the file, line, column and value of a cell that is not a number', async () => {
    const path = fixture('bad-cell.csv');
    const error = await dataError(readCsv(path, { target: 'target' }));
    expect(error.message).toBe(`${path}, line 3, column 2 ("b"): "abc" is not a number`);
    expect({ file: error.file, line: error.line, column: error.column, columnName: error.columnName, value: error.value }).toEqual({
      file: path,
      line: 3,
      column: 2,
      columnName: 'b',
      value: 'abc',
    });
    expect(error.name).toBe('CsvDataError');
  });

  it('names an empty cell', async () => {
    const path = fixture('empty-cell.csv');
    const error = await dataError(readCsv(path, { target: 'target' }));
    expect(error.message).toBe(`${path}, line 3, column 2 ("b"): the cell is empty; every feature needs a number`);
    expect(error.value).toBe('');
  });

  it('refuses number-like text that is not a plain decimal', async () => {
    for (const cell of ['NA', 'NaN', 'Infinity', '0x1A', '1,5', '1e999', '--1']) {
      const path = csvFile(`a,t\n"${cell}",x\n2,y\n`);
      const error = await dataError(readCsv(path, { target: 't' }));
      expect(error.message).toContain(`line 2, column 1 ("a"): ${JSON.stringify(cell)} is not a number`);
    }
  });

  it('names the first missing column of a short row, and the first extra field of a long one', async () => {
    const path = fixture('ragged.csv');
    const short = await dataError(readCsv(path, { target: 'target' }));
    expect(short.message).toBe(`${path}, line 4, column 3 ("target"): this row has 2 fields but the header has 3: this column is missing`);
    const long = csvFile('a,b,t\n1,2,x\n3,4,y,extra\n');
    const error = await dataError(readCsv(long, { target: 't' }));
    expect(error.message).toBe(`${long}, line 3, column 4: this row has 4 fields but the header has 3: "extra" is past the last column`);
    expect(error.value).toBe('extra');
  });

  it('refuses an empty file and a file with a header only', async () => {
    const empty = fixture('empty.csv');
    const e1 = await dataError(readCsv(empty, { target: 'target' }));
    expect(e1.message).toMatch(new RegExp(`^${escape(empty)}: the file is empty; it needs a header row`));
    const headerOnly = fixture('header-only.csv');
    const e2 = await dataError(readCsv(headerOnly, { target: 'target' }));
    expect(e2.message).toBe(`${headerOnly}: the file has a header but no data rows`);
    const blank = await dataError(readCsv(csvFile('\n\n  \n'), { target: 't' }));
    expect(blank.message).toContain('the file is empty');
  });

  it('names a missing target or feature column and lists the columns there are', async () => {
    const path = fixture('flowers.csv');
    const target = await dataError(readCsv(path, { target: 'petal_width' }));
    expect(target.message).toBe(
      `${path}, line 1: the header has no target column "petal_width"; the columns are: "sepal_length", "species", "sepal_width", "petal_length"`,
    );
    const features = await dataError(readCsv(path, { target: 'species', features: ['sepal_length', 'petal_width', 'colour'] }));
    expect(features.message).toContain(`${path}, line 1: the header has no columns "petal_width", "colour" for the features`);
  });

  it('refuses a repeated column name and an unnamed feature column in the header', async () => {
    const repeated = csvFile('a,b,a,t\n1,2,3,x\n');
    const e1 = await dataError(readCsv(repeated, { target: 't' }));
    expect(e1.message).toBe(`${repeated}, line 1, column 3 ("a"): the header names "a" 2 times (columns 1, 3); column names must be unique`);
    const unnamed = csvFile(',a,t\n0,1,x\n1,2,y\n');
    const e2 = await dataError(readCsv(unnamed, { target: 't' }));
    expect(e2.message).toContain(`${unnamed}, line 1, column 1 (""): this column has no name in the header`);
    // Unused, an unnamed column is no obstacle.
    const data = await readCsv(unnamed, { target: 't', features: ['a'] });
    expect(Array.from(data.X.data)).toEqual([1, 2]);
  });

  it('reports malformed CSV syntax with its line', async () => {
    const path = csvFile('a,t\n1,x\n2,"y\n3,z\n');
    const error = await dataError(readCsv(path, { target: 't' }));
    expect(error.message).toMatch(new RegExp(`^${escape(path)}, line 4: the CSV is malformed: Quote Not Closed`));
  });

  it('names the target cell that cannot be what the task needs', async () => {
    const path = fixture('flowers.csv');
    const regression = await dataError(readCsv(path, { target: 'species', task: 'regression' }));
    expect(regression.message).toBe(`${path}, line 2, column 2 ("species"): "setosa" is not a number (the task is 'regression')`);
    const binary = await dataError(readCsv(path, { target: 'species', task: 'binary' }));
    expect(binary.message).toBe(
      `${path}, column 2 ("species"): task 'binary' needs exactly 2 classes, but the target has 3: "setosa", "versicolor", "virginica"`,
    );
    const unknown = await dataError(readCsv(fixture('binary-strings.csv'), { target: 'label', classes: ['B', 'X'] }));
    expect(unknown.message).toContain('line 2, column 1 ("label"): "M" is not one of the classes "B", "X"');
    const empty = csvFile('a,t\n1,x\n2,\n');
    expect((await dataError(readCsv(empty, { target: 't' }))).message).toBe(`${empty}, line 3, column 2 ("t"): the target cell is empty`);
    const single = csvFile('a,t\n1,yes\n2,yes\n');
    expect((await dataError(readCsv(single, { target: 't' }))).message).toContain('every row has the same target, "yes": a classifier needs at least two classes');
  });
});

describe('readCsv: arguments', () => {
  it('refuses malformed arguments before reading, with TypeError or RangeError naming them', async () => {
    const path = fixture('flowers.csv');
    await expect(readCsv(42 as never, { target: 'species' })).rejects.toThrow(new TypeError('path must be a string, got 42'));
    await expect(readCsv(path, undefined as never)).rejects.toThrow(TypeError);
    await expect(readCsv(path, {} as never)).rejects.toThrow(new TypeError('target must be a name (a string), got undefined'));
    await expect(readCsv(path, { target: 'species', targt: 1 } as never)).rejects.toThrow(/unknown option 'targt'/);
    await expect(readCsv(path, { target: 'species', task: 'classification' as never })).rejects.toThrow(
      new RangeError(`task must be one of 'binary', 'multiclass', 'regression', got 'classification'`),
    );
    await expect(readCsv(path, { target: 'species', task: 1 as never })).rejects.toThrow(new TypeError(`task must be one of 'binary', 'multiclass', 'regression', got 1`));
    await expect(readCsv(path, { target: 'species', features: ['sepal', ''] })).rejects.toThrow(new RangeError('features[1] must be a non-empty name, got ""'));
    await expect(readCsv(path, { target: 'species', features: ['a', 'b', 'a'] })).rejects.toThrow(new RangeError('features[2] must be distinct from features[0], got "a"'));
    await expect(readCsv(path, { target: 'species', delimiter: '""' })).rejects.toThrow(RangeError);
    await expect(readCsv(path, { target: 'species', features: ['species'] })).rejects.toThrow(new RangeError('features[0] must be a feature column, not the target "species", got "species"'));
    await expect(readCsv(path, { target: 'species', task: 'binary', classes: ['a', 'b', 'c'] })).rejects.toThrow(RangeError);
    await expect(readCsv(path, { target: 'species', onProgress: 'yes' as never })).rejects.toThrow(new TypeError('onProgress must be a function, got "yes"'));
  });

  it('passes on the file system\'s error for a missing file', async () => {
    await expect(readCsv(join(directory, 'missing.csv'), { target: 'y' })).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('stops when its signal aborts', async () => {
    const signal = AbortSignal.abort();
    await expect(readCsv(fixture('flowers.csv'), { target: 'species', signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('readCsvFeatures', () => {
  it('maps the features by name, in any column order, ignoring other columns', async () => {
    const features = await readCsvFeatures(fixture('new-flowers.csv'), { features: ['sepal_length', 'sepal_width', 'petal_length'] });
    expect(features.featureNames).toEqual(['sepal_length', 'sepal_width', 'petal_length']);
    expect(Array.from(features.X.data)).toEqual([5.0, 6.8, 3.4, 3.0, 1.5, 5.9]);
  });

  it('reads a training file, target and all, as features for prediction', async () => {
    const features = await readCsvFeatures(fixture('flowers.csv'), { features: ['sepal_length', 'sepal_width', 'petal_length'] });
    const data = await readCsv(fixture('flowers.csv'), { target: 'species' });
    expect(Array.from(features.X.data)).toEqual(Array.from(data.X.data));
  });

  it('names a missing feature column, and a bad cell in a feature column', async () => {
    const path = fixture('new-flowers.csv');
    const missing = await dataError(readCsvFeatures(path, { features: ['sepal_length', 'petal_width'] }));
    expect(missing.message).toContain(`${path}, line 1: the header has no column "petal_width" for the feature of the same name`);
    const bad = await dataError(readCsvFeatures(path, { features: ['id'] }));
    expect(bad.message).toBe(`${path}, line 2, column 3 ("id"): "a17" is not a number`);
  });

  it('reads every column when no features are named', async () => {
    const features = await readCsvFeatures(fixture('regression.csv'));
    expect(features.featureNames).toEqual(['age', 'bmi', 'progression']);
    expect(features.X.rows).toBe(3);
  });
});

describe('the task rule', () => {
  it('reads text as classes, a few integer codes as classes, and other numbers as regression', () => {
    expect(inferTask({ distinct: 2, numeric: false, integers: false })).toBe('binary');
    expect(inferTask({ distinct: 50, numeric: false, integers: false })).toBe('multiclass');
    expect(inferTask({ distinct: 2, numeric: true, integers: true })).toBe('binary');
    expect(inferTask({ distinct: MAX_INFERRED_CLASSES, numeric: true, integers: true })).toBe('multiclass');
    expect(inferTask({ distinct: MAX_INFERRED_CLASSES + 1, numeric: true, integers: true })).toBe('regression');
    expect(inferTask({ distinct: 2, numeric: true, integers: false })).toBe('regression');
  });
});

describe('GrowingMatrix', () => {
  it('keeps every row intact through growth, to its estimate or geometrically, and trims to the exact size', () => {
    const grown = new GrowingMatrix(3, 'test', 2);
    for (let j = 0; j < 11; j++) {
      const col = grown.appendColumn(j === 2 ? 7 : 0);
      for (let i = 0; i < 3; i++) grown.set(i, col, 100 * i + j);
    }
    expect(grown.capacity).toBe(Math.ceil(7 * 1.5)); // 2 → 7 (the estimate) → 11 (× 1.5)
    const M = grown.toMatrix();
    expect({ rows: M.rows, cols: M.cols, length: M.data.length }).toEqual({ rows: 3, cols: 11, length: 33 });
    expect(Array.from(M.data)).toEqual([0, 1, 2].flatMap((i) => Array.from({ length: 11 }, (_, j) => 100 * i + j)));
  });

  it('packs the rows in place when little of the buffer is slack, and copies them when much is', () => {
    const filled = (capacity: number, cols: number) => {
      const grown = new GrowingMatrix(3, 'test', capacity);
      for (let j = 0; j < cols; j++) {
        const col = grown.appendColumn();
        for (let i = 0; i < 3; i++) grown.set(i, col, 100 * i + j);
      }
      return grown.toMatrix();
    };
    const expected = (cols: number) => [0, 1, 2].flatMap((i) => Array.from({ length: cols }, (_, j) => 100 * i + j));
    const packed = filled(20, 19); // 5 % slack, as the reader's estimate leaves: a view of the same buffer
    expect({ rows: packed.rows, cols: packed.cols, length: packed.data.length }).toEqual({ rows: 3, cols: 19, length: 57 });
    expect(packed.data.buffer.byteLength).toBe(8 * 3 * 20);
    expect(Array.from(packed.data)).toEqual(expected(19));
    const copied = filled(20, 10); // half slack: a buffer of its own
    expect(copied.data.buffer.byteLength).toBe(8 * 3 * 10);
    expect(Array.from(copied.data)).toEqual(expected(10));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
