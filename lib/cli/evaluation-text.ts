/**
 * A model's scores as a person reads them: the headline figures, then (for
 * classes) the confusion matrix and each class's precision, recall and F1,
 * in aligned columns.
 */
import type { ClassificationEvaluation, ModelEvaluation } from '../model/model-evaluation';
import { formatCount, formatScore } from './format';

/** Columns of text, each padded to its widest cell; the first left-aligned, the rest right-aligned. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, k) => (widths[k] = Math.max(widths[k] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, k) => {
        const pad = ' '.repeat((widths[k] as number) - [...cell].length);
        return k === 0 ? cell + pad : pad + cell;
      })
      .join('  ')
      .trimEnd(),
  );
}

function classificationLines(evaluation: ClassificationEvaluation): string[] {
  const { classes } = evaluation;
  const lines = table([
    ['accuracy', formatScore(evaluation.accuracy)],
    ['log loss', formatScore(evaluation.logLoss)],
  ]);
  lines.push('', 'confusion matrix (rows: true class, columns: predicted class)');
  lines.push(...table([['', ...classes], ...evaluation.confusionMatrix.map((row, i) => [classes[i] as string, ...row.map(String)])]));
  lines.push('');
  lines.push(
    ...table([
      ['class', 'precision', 'recall', 'f1', 'support'],
      ...evaluation.perClass.map((scores) => [scores.label, formatScore(scores.precision), formatScore(scores.recall), formatScore(scores.f1), String(scores.support)]),
    ]),
  );
  return lines;
}

/** The report, line by line, for `examples` rows of `file`. */
export function evaluationLines(evaluation: ModelEvaluation, file: string, targetName: string): string[] {
  const head = `${file}: ${formatCount(evaluation.examples)} rows, target ${JSON.stringify(targetName)} (${evaluation.task})`;
  if (evaluation.task !== 'regression') return [head, ...classificationLines(evaluation)];
  return [
    head,
    ...table([
      ['mse', formatScore(evaluation.mse)],
      ['rmse', formatScore(evaluation.rmse)],
      ['mae', formatScore(evaluation.mae)],
      ['r2', formatScore(evaluation.r2)],
    ]),
  ];
}
