/**
 * `shallownet evaluate <model.json> <data.csv>`: how well a saved model
 * predicts the labelled rows of a CSV file (one it was not trained on, to
 * measure anything).
 */
import { readCsv } from '../data/csv';
import type { Command } from './command';
import { checkPositionals, COMMON_OPTIONS, parseCommandLine } from './command-line';
import { evaluationLines } from './evaluation-text';
import { EXIT_SUCCESS } from './exit-codes';
import { readModelFile } from './model-file';
import { readBackend, readDelimiter } from './shared-options';
import { printResult } from './terminal';

const OPTIONS = {
  ...COMMON_OPTIONS,
  json: { type: 'boolean' },
  delimiter: { type: 'string' },
  backend: { type: 'string' },
} as const;

const HELP = `Usage: shallownet evaluate <model.json> <data.csv> [options]

Scores a model saved by 'shallownet train' on a CSV file that holds the model's
feature columns and its target column (by name, in any order). Classification:
accuracy, log loss, the confusion matrix, and each class's precision, recall,
F1 and support. Regression: mse, rmse, mae and r2, in the target's units.

Options:
      --json              print one JSON object: task, examples, and accuracy, logLoss,
                          classes, confusionMatrix, perClass; or mse, rmse, mae, r2
      --delimiter <char>  the field separator (default ,; "tab" for tabs)
      --backend <name>    auto, native or ts (default auto)

Example:
  shallownet evaluate iris-model.json iris-test.csv`;

export const evaluateCommand: Command = {
  name: 'evaluate',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandLine('evaluate', args, OPTIONS);
    if (values.help) {
      printResult(HELP);
      return EXIT_SUCCESS;
    }
    const [modelFile, dataFile] = checkPositionals('evaluate', positionals, ['model.json', 'data.csv']) as [string, string];
    const delimiter = readDelimiter(values.delimiter);
    const model = await readModelFile(modelFile, readBackend(values.backend));
    const classes = model.classes;
    const { X, Y } = await readCsv(dataFile, {
      target: model.targetName,
      task: model.task,
      features: model.featureNames,
      // The model's classes, in its order: Y is then encoded as the network's outputs are.
      ...(classes !== undefined && { classes }),
      delimiter,
    });
    const evaluation = model.evaluate(X, Y);
    if (values.json) printResult(JSON.stringify(evaluation));
    else printResult(evaluationLines(evaluation, dataFile, model.targetName).join('\n'));
    return EXIT_SUCCESS;
  },
};
