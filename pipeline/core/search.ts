/**
 * Binary search over arrays sorted by text offset (tokens, sentences, mentions,
 * paragraphs): the one lower-bound loop the stages share instead of each
 * writing its own.
 */

/**
 * The index of the first element for which `before` is false, in an array where
 * `before` holds for a prefix and fails for the rest (`sorted.length` when it holds
 * throughout). E.g. the first token ending after `pos`: `partitionPoint(tokens, (t) => t.end <= pos)`.
 */
export function partitionPoint<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
