/** Rows of the results feature (filled in with the feature). */
import type { FeatureMatrix } from "./types.js";

export const matrix: FeatureMatrix = { rows: {} };
