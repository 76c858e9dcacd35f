/**
 * `shallownet evaluate <model.json> <data.csv>`: how well a saved model
 * predicts the labelled rows of a CSV file (one it was not trained on, to
 * measure anything).
 */
import { readCsv } from '../data/csv';
import { defineCommand } from './command';
import { evaluationLines } from './evaluation-text';
import { EXIT_SUCCESS } from './exit-codes';
import { readModelFile } from './model-file';
import { BACKEND_OPTION, backendHelp, DELIMITER_OPTION, delimiterHelp, readBackend, readDelimiter } from './shared-options';
import { printResult } from './terminal';

/** Where the options' descriptions start in the help. */
const COLUMN = 26;

const HELP = `Usage: shallownet evaluate <model.json> <data.csv> [options]

Scores a model saved by 'shallownet train' on a CSV file that holds the model's
feature columns and its target column (by name, in any order). Classification:
accuracy, log loss, the confusion matrix, and each class's precision, recall,
F1 and support. Regression: mse, rmse, mae and r2, in the target's units.

Options:
      --json              print one JSON object: task, examples, and accuracy, logLoss,
                          classes, confusionMatrix, perClass; or mse, rmse, mae, r2
${delimiterHelp(COLUMN)}
${backendHelp(COLUMN)}

Example:
  shallownet evaluate iris-model.json iris-test.csv`;

export const evaluateCommand = defineCommand({
  name: 'evaluate',
  help: HELP,
  options: { json: { type: 'boolean' }, ...DELIMITER_OPTION, ...BACKEND_OPTION },
  positionals: ['model.json', 'data.csv'],
  async run(values, positionals) {
    const [modelFile, dataFile] = positionals as [string, string];
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
});
