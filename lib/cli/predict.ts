/**
 * `shallownet predict <model.json> <data.csv>`: the model's answer for each
 * row of a CSV file, as CSV: the label as the training file wrote it, the
 * predicted value (regression), or each class's probability (--proba).
 */
import { readCsvFeatures } from '../data/csv';
import type { Model } from '../model/model';
import { defineCommand } from './command';
import { csvRow } from './csv-row';
import { EXIT_SUCCESS } from './exit-codes';
import { openAtomicWriter } from '../atomic-file';
import { writeLines } from './line-writer';
import { readModelFile } from './model-file';
import { BACKEND_OPTION, backendHelp, DELIMITER_OPTION, delimiterHelp, readBackend, readDelimiter } from './shared-options';
import { checkOutputPath } from './output-path';
import { UsageError } from './usage-error';

/** Where the options' descriptions start in the help. */
const COLUMN = 26;

const HELP = `Usage: shallownet predict <model.json> <data.csv> [options]

Predicts the target of each row of a CSV file with a model saved by
'shallownet train'. The file needs the model's feature columns (by name, in any
order; other columns, such as the target, are ignored). Writes CSV: a header,
then one row per input row, in order.

Options:
      --proba             classification: one column per class, its probability
                          (default: one column, the predicted label as the
                          training file wrote it; regression: the predicted value)
  -o, --out <file>        write to this file (default: stdout)
${delimiterHelp(COLUMN)}
${backendHelp(COLUMN)}

Example:
  shallownet predict iris-model.json new-flowers.csv --out predictions.csv`;

export const predictCommand = defineCommand({
  name: 'predict',
  help: HELP,
  options: { proba: { type: 'boolean' }, out: { type: 'string', short: 'o' }, ...DELIMITER_OPTION, ...BACKEND_OPTION },
  positionals: ['model.json', 'data.csv'],
  async run(values, positionals) {
    const [modelFile, dataFile] = positionals as [string, string];
    const delimiter = readDelimiter(values.delimiter);
    if (values.out !== undefined) await checkOutputPath(values.out, '--out');
    const model = await readModelFile(modelFile, readBackend(values.backend));
    const proba = values.proba ?? false;
    if (proba && model.task === 'regression') {
      throw new UsageError(`--proba needs a classification model; ${modelFile} predicts a number (regression)`);
    }
    const { X } = await readCsvFeatures(dataFile, { features: model.featureNames, delimiter });
    const lines = predictionLines(model, X, proba);
    if (values.out === undefined) {
      await writeLines(process.stdout, lines);
      return EXIT_SUCCESS;
    }
    const writer = await openAtomicWriter(values.out);
    try {
      await writeLines(writer.stream, lines);
      await writer.commit();
    } catch (error) {
      await writer.discard();
      throw error;
    }
    return EXIT_SUCCESS;
  },
});

/** The CSV lines: header, then one per example. */
function* predictionLines(model: Model, X: Parameters<Model['predict']>[0], proba: boolean): Generator<string> {
  if (proba) {
    const classes = model.classes as string[];
    const P = model.predictProba(X);
    yield csvRow(classes);
    const m = P.cols;
    const row = new Array<number>(classes.length);
    for (let j = 0; j < m; j++) {
      for (let c = 0; c < classes.length; c++) row[c] = P.data[c * m + j] as number;
      yield csvRow(row);
    }
    return;
  }
  yield csvRow([model.targetName]);
  for (const answer of model.predict(X)) yield csvRow([answer]);
}
