/**
 * `shallownet plot <model.json> <data.csv>`: the decision regions of a
 * two-feature classifier with the file's points on top; `--curves`: the
 * learning curves from the model's training history.
 */
import { readCsv } from '../data/csv';
import type { Model } from '../model/model';
import { decisionBoundaryFigure, RESOLUTION } from '../plot/decision-boundary';
import type { Figure } from '../plot/figure';
import { learningCurvesFigure } from '../plot/learning-curves';
import { FIGURE_SIZE, MAX_PIXELS } from '../plot/options';
import { figureFormat, writeFigure } from '../plot/write-figure';
import { defineCommand } from './command';
import { EXIT_SUCCESS } from './exit-codes';
import { formatNames } from '../describe';
import { readModelFile } from './model-file';
import { readInteger } from './option-values';
import { checkOutputPath } from './output-path';
import { BACKEND_OPTION, backendHelp, DELIMITER_OPTION, delimiterHelp, readBackend, readDelimiter } from './shared-options';
import { printResult } from './terminal';
import { UsageError } from './usage-error';

/** Where the options' descriptions start in the help. */
const COLUMN = 26;

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
      --width <px>        ${FIGURE_SIZE.width.min} to ${MAX_PIXELS} (default ${FIGURE_SIZE.width.fallback})
      --height <px>       ${FIGURE_SIZE.height.min} to ${MAX_PIXELS} (default ${FIGURE_SIZE.height.fallback})
      --title <text>      a title (SVG only: PNG pictures carry no text)
${backendHelp(COLUMN)}
Decision regions only:
      --resolution <n>    grid cells along each axis, ${RESOLUTION.min} to ${RESOLUTION.max} (default ${RESOLUTION.fallback})
${delimiterHelp(COLUMN)}

Examples:
  shallownet plot iris-petals.json iris.csv --out boundary.png
  shallownet plot iris-model.json --curves --out curves.svg`;

export const plotCommand = defineCommand({
  name: 'plot',
  help: HELP,
  options: {
    out: { type: 'string', short: 'o' },
    curves: { type: 'boolean' },
    width: { type: 'string' },
    height: { type: 'string' },
    resolution: { type: 'string' },
    title: { type: 'string' },
    ...DELIMITER_OPTION,
    ...BACKEND_OPTION,
  },
  positionals: ['model.json'],
  optional: ['data.csv'],
  async run(values, positionals) {
    const [modelFile, dataFile] = positionals as [string, string | undefined];
    const curves = values.curves ?? false;
    // Every option given is read (and refused if wrong) whichever picture is drawn, and none is ignored.
    if (curves) {
      if (dataFile !== undefined) throw new UsageError(`--curves draws from the model alone; unexpected ${JSON.stringify(dataFile)}`);
      const misplaced = (['resolution', 'delimiter'] as const).find((option) => values[option] !== undefined);
      if (misplaced !== undefined) throw new UsageError(`--${misplaced} is for the decision regions; it does not apply to --curves`);
    } else if (dataFile === undefined) {
      throw new UsageError('plot needs <data.csv> for the decision regions (or --curves for the learning curves)');
    }
    const out = values.out ?? (curves ? 'curves.png' : 'boundary.png');
    const format = figureFormat(out);
    if (format === undefined) throw new UsageError(`--out ${out}: the picture's name must end in .png or .svg`);
    if (values.title !== undefined && format !== 'svg') throw new UsageError(`--title is drawn only in SVG pictures; ${out} is a PNG (name it .svg)`);
    const size = {
      ...(values.width !== undefined && { width: readInteger(values.width, '--width', FIGURE_SIZE.width.min, MAX_PIXELS) }),
      ...(values.height !== undefined && { height: readInteger(values.height, '--height', FIGURE_SIZE.height.min, MAX_PIXELS) }),
      ...(values.title !== undefined && { title: values.title }),
    };
    const resolution = values.resolution === undefined ? undefined : readInteger(values.resolution, '--resolution', RESOLUTION.min, RESOLUTION.max);
    const delimiter = readDelimiter(values.delimiter);
    const backend = readBackend(values.backend);
    await checkOutputPath(out, '--out');
    const model = await readModelFile(modelFile, backend);
    let figure: Figure;
    if (curves) {
      figure = curvesFigure(model, modelFile, size);
    } else {
      checkPlottable(model, modelFile);
      const classes = model.classes as string[];
      const { X, Y } = await readCsv(dataFile as string, {
        target: model.targetName,
        task: model.task,
        features: model.featureNames,
        classes,
        delimiter,
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
});

/** Decision regions need a classifier of exactly two features: the plane they are drawn on. */
function checkPlottable(model: Model, file: string): void {
  const features = model.featureNames;
  if (model.task === 'regression') {
    throw new UsageError(`${file} is a regression model; decision regions need a classifier (use --curves for its learning curves)`);
  }
  if (features.length !== 2) {
    throw new UsageError(
      `decision regions are drawn for models of two features; ${file} has ${features.length} (${formatNames(features)}). ` +
        "Train one on two columns (train --features a,b) to see its regions, or use --curves for this model's learning curves",
    );
  }
}

function curvesFigure(model: Model, file: string, size: { width?: number; height?: number; title?: string }): Figure {
  const history = model.history;
  if (history.length === 0) throw new UsageError(`${file} has no training history to draw`);
  const validation = history.map((progress) => progress.validationCost ?? NaN);
  return learningCurvesFigure({
    training: history.map((progress) => progress.cost),
    ...(validation.some((cost) => !Number.isNaN(cost)) && { validation }),
    ...size,
  });
}
