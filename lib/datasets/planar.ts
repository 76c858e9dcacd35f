import type { Matrix } from '../matrix';
import { invalidValue } from '../argument-error';
import { Random } from '../random';

/** The course's 2-D "flower" data set. */
export interface PlanarDataset {
  /** (2, m): the points, one column per example. */
  X: Matrix;
  /** (1, m): the class of each point, 0 or 1. */
  Y: Matrix;
}

/**
 * Generates the flower data set of the course's planar-classification
 * assignment (its `load_planar_dataset`): m points in two classes of m/2,
 * along a four-petal rose r = a·sin(4θ) with a = 4, class j covering
 * θ ∈ [3.12 j, 3.12 (j + 1)], with N(0, 0.2²) noise on θ and on r.
 * Seeded: the same seed gives the same points.
 */
export function loadPlanarDataset(options: { examples?: number; seed?: number } = {}): PlanarDataset {
  const m = options.examples ?? 400;
  if (!Number.isInteger(m) || m < 2 || m % 2 !== 0) {
    throw invalidValue('examples', 'an even integer >= 2', m);
  }
  const random = new Random(options.seed ?? 1);
  const perClass = m / 2;
  const petalRadius = 4;
  const X = new Float64Array(2 * m);
  const Y = new Float64Array(m);
  for (let label = 0; label < 2; label++) {
    for (let k = 0; k < perClass; k++) {
      const j = label * perClass + k;
      // np.linspace(3.12 j, 3.12 (j + 1), N) + noise
      const start = 3.12 * label;
      const theta = start + (perClass === 1 ? 0 : (3.12 * k) / (perClass - 1)) + random.normal() * 0.2;
      const radius = petalRadius * Math.sin(4 * theta) + random.normal() * 0.2;
      X[j] = radius * Math.sin(theta); // row 0
      X[m + j] = radius * Math.cos(theta); // row 1
      Y[j] = label;
    }
  }
  return { X: { rows: 2, cols: m, data: X }, Y: { rows: 1, cols: m, data: Y } };
}
