/**
 * Which features are far from unit scale, for a warning when a network is
 * about to train on them unscaled. Gradient descent's step is the same for
 * every weight, so a feature in the hundreds (a tumour's area) takes steps a
 * hundred times too large while one in the hundredths barely moves: training
 * then stalls or diverges without any error. Standardising avoids both.
 */
import type { Matrix } from '../matrix';
import { checkFinite, checkMatrix } from '../validate';
import { invalidType, invalidValue, received } from '../argument-error';
import { featureStatistics } from './feature-statistics';

/** A feature whose standard deviation is above this is far from unit scale. */
export const MAX_UNIT_STD = 10;
/** A feature whose standard deviation is below this (but not 0) is far from unit scale. */
export const MIN_UNIT_STD = 0.1;
/** A feature whose mean is farther than this from 0 is far from unit scale. */
export const MAX_UNIT_MEAN = 10;

/** A feature {@link featuresFarFromUnitScale} found. */
export interface FeatureScale {
  /** Its row in X. */
  feature: number;
  /** Its name, when names were given. */
  name?: string;
  mean: number;
  /** Population standard deviation. */
  std: number;
  /** Which rule it broke, in words, e.g. "standard deviation 351.9 is above 10". */
  reason: string;
}

/**
 * The features of X (features, m) that are far from unit scale: standard
 * deviation above {@link MAX_UNIT_STD} (10) or below {@link MIN_UNIT_STD} (0.1),
 * or mean farther than {@link MAX_UNIT_MEAN} (10) from 0. A constant feature
 * (deviation 0) counts only by its mean: it carries no information to scale.
 * Features such as iris's (means 1–6, deviations 0.4–1.8) pass; breast
 * cancer's areas (mean 655, deviation 352) and fractal dimensions (deviation
 * 0.007) do not. An empty list means X is fine to train on unscaled.
 */
export function featuresFarFromUnitScale(X: Matrix, featureNames?: readonly string[]): FeatureScale[] {
  const checked = checkMatrix(X, 'X');
  checkFinite(checked, 'X');
  if (featureNames !== undefined) {
    if (!Array.isArray(featureNames)) throw invalidType('featureNames', 'an array of strings', featureNames);
    if (featureNames.length !== checked.rows) {
      throw invalidValue('featureNames', `${checked.rows} names, one per row of X`, received(`${featureNames.length}`));
    }
  }
  const { mean, std } = featureStatistics(checked);
  const found: FeatureScale[] = [];
  for (let i = 0; i < checked.rows; i++) {
    const mu = mean[i] as number;
    const sigma = std[i] as number;
    let reason: string | undefined;
    if (sigma > MAX_UNIT_STD) reason = `standard deviation ${round(sigma)} is above ${MAX_UNIT_STD}`;
    else if (sigma > 0 && sigma < MIN_UNIT_STD) reason = `standard deviation ${round(sigma)} is below ${MIN_UNIT_STD}`;
    else if (Math.abs(mu) > MAX_UNIT_MEAN) reason = `mean ${round(mu)} is farther than ${MAX_UNIT_MEAN} from 0`;
    if (reason === undefined) continue;
    const entry: FeatureScale = { feature: i, mean: mu, std: sigma, reason };
    if (featureNames !== undefined) entry.name = featureNames[i] as string;
    found.push(entry);
  }
  return found;
}

/** Four significant digits: enough to see the scale in a message. */
function round(value: number): string {
  return String(Number(value.toPrecision(4)));
}
