/**
 * `shallownet plot <model.json> <data.csv>`: the decision regions of a
 * two-feature classifier with the file's points on top; `--curves`: the
 * learning curves from the model's training history.
 */
import { readCsv } from '../data/csv';
import type { Model } from '../model/model';
import { decisionBoundaryFigure } from '../plot/decision-boundary';
import type { Figure } from '../plot/figure';
import { learningCurvesFigure } from '../plot/learning-curves';
import { figureFormat, writeFigure } from '../plot/write-figure';
import type { Command } from './command';
import { checkPositionals, COMMON_OPTIONS, parseCommandLine } from './command-line';
import { EXIT_SUCCESS } from './exit-codes';
import { formatNames } from './format';
import { readModelFile } from './model-file';
import { readInteger } from './option-values';
import { checkOutputPath } from './output-path';
import { readBackend, readDelimiter } from './shared-options';
import { printResult } from './terminal';
import { UsageError } from './usage-error';

const OPTIONS = {
  ...COMMON_OPTIONS,
  out: { type: 'string', short: 'o' },
  curves: { type: 'boolean' },
  width: { type: 'string' },
  height: { type: 'string' },
  resolution: { type: 'string' },
  title: { type: 'string' },
  delimiter: { type: 'string' },
  backend: { type: 'string' },
} as const;

const HELP = `Usage: shallownet plot <model.json> <data.csv> [options]
       shallownet plot <model.json> --curves [options]

Draws a picture of a model saved by 'shallownet train': PNG, or SVG (with text:
titles, axis labels, legend) when the output's name ends in .svg.

  plot <model.json> <data.csv>   a classifier of two features: the plane coloured
                                 by the class the model predicts, and the file's
                                 rows as points coloured by their true class (the
                                 file needs the two features and the target)
  plot <model.json> --curves     the learning curves: training and validation
                                 cost per epoch, from the model's history

Options:
  -o, --out <file>        the picture (default boundary.png, or curves.png with --curves)
      --curves            draw the learning curves instead of the decision regions
      --width <px>        default 640
      --height <px>       default 480
      --resolution <n>    grid cells along each axis of the decision regions (default 200)
      --title <text>      a title (SVG only; PNG pictures carry no text)
      --delimiter <char>  the field separator (default ,; "tab" for tabs)
      --backend <name>    auto, native or ts (default auto)

Examples:
  shallownet plot iris-petals.json iris.csv --out boundary.png
  shallownet plot iris-model.json --curves --out curves.svg`;

export const plotCommand: Command = {
  name: 'plot',
  help: HELP,
  async run(args) {
    const { values, positionals } = parseCommandLine('plot', args, OPTIONS);
    if (values.help) {
      printResult(HELP);
      return EXIT_SUCCESS;
    }
    const curves = values.curves ?? false;
    const [modelFile, dataFile] = curves
      ? (checkPositionals('plot', positionals, ['model.json']) as [string])
      : (checkPositionals('plot', positionals, ['model.json', 'data.csv']) as [string, string]);
    const out = values.out ?? (curves ? 'curves.png' : 'boundary.png');
    if (figureFormat(out) === undefined) throw new UsageError(`--out ${out}: the picture's name must end in .png or .svg`, 'plot');
    await checkOutputPath(out, '--out', 'plot');
    const size = {
      ...(values.width !== undefined && { width: readInteger(values.width, '--width', 200, 10_000) }),
      ...(values.height !== undefined && { height: readInteger(values.height, '--height', 150, 10_000) }),
      ...(values.title !== undefined && { title: values.title }),
    };
    const model = await readModelFile(modelFile, readBackend(values.backend));
    let figure: Figure;
    if (curves) {
      figure = curvesFigure(model, modelFile, size);
    } else {
      checkPlottable(model, modelFile);
      const resolution = values.resolution === undefined ? undefined : readInteger(values.resolution, '--resolution', 2, 2000);
      const classes = model.classes as string[];
      const { X, Y } = await readCsv(dataFile as string, {
        target: model.targetName,
        task: model.task,
        features: model.featureNames,
        classes,
        delimiter: readDelimiter(values.delimiter),
      });
      figure = decisionBoundaryFigure({
        X,
        labels: Y,
        predict: (grid) => model.predictClasses(grid),
        classes,
        featureNames: model.featureNames,
        ...size,
        ...(resolution !== undefined && { resolution }),
      });
    }
    await writeFigure(out, figure);
    printResult(`wrote ${out}`);
    return EXIT_SUCCESS;
  },
};

/** Decision regions need a classifier of exactly two features: the plane they are drawn on. */
function checkPlottable(model: Model, file: string): void {
  const features = model.featureNames;
  if (model.task === 'regression') {
    throw new UsageError(`${file} is a regression model; decision regions need a classifier (use --curves for its learning curves)`, 'plot');
  }
  if (features.length !== 2) {
    throw new UsageError(
      `decision regions are drawn for models of two features; ${file} has ${features.length} (${formatNames(features)}). ` +
        "Train one on two columns (train --features a,b) to see its regions, or use --curves for this model's learning curves",
      'plot',
    );
  }
}

function curvesFigure(model: Model, file: string, size: { width?: number; height?: number; title?: string }): Figure {
  const history = model.history;
  if (history.length === 0) throw new UsageError(`${file} has no training history to draw`, 'plot');
  const validation = history.map((progress) => progress.validationCost ?? NaN);
  return learningCurvesFigure({
    training: history.map((progress) => progress.cost),
    ...(validation.some((cost) => !Number.isNaN(cost)) && { validation }),
    ...size,
  });
}
