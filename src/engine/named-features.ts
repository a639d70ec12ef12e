/**
 * Features by name: a scorer computes a record of named features, and a model file stores its
 * weights beside the feature names in the order it was fitted (models/code-ranker.json
 * `features`, models/linker.json `fusion.features`). The vector a weight vector multiplies is
 * the record read in the model's stored order, so a model fitted with another order, or
 * without a feature this version adds, still scores as it was fitted.
 */

/**
 * The stored feature order of a model, checked against the names this version computes.
 *
 * @param what the model, for the error message ("ranker model code-ranker@1").
 * @param stored the names in the model file, in weight order (the computed order when absent).
 * @throws when a stored name is unknown or repeated, or the weights do not match the names.
 */
export function storedFeatureOrder<N extends string>(
  what: string,
  stored: readonly string[] | undefined,
  weights: number,
  known: readonly N[],
): readonly N[] {
  const order = stored ?? known;
  const knownSet = new Set<string>(known);
  const unknown = order.filter((name, i) => !knownSet.has(name) || order.indexOf(name) !== i);
  if (unknown.length > 0 || order.length !== weights) {
    throw new Error(
      `${what} has ${weights} weights for the features ${JSON.stringify(order)}; this version computes ${JSON.stringify(known)}. Retrain with "npm run train".`,
    );
  }
  return order as readonly N[];
}

/** The features of `record` as a vector in `order` (a model's stored order). */
export function featureVector<N extends string>(
  record: Readonly<Record<N, number>>,
  order: readonly N[],
): number[] {
  return order.map((name) => record[name]);
}
