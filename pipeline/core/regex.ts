/**
 * A global regex scan, tried only at given positions: the stages that index
 * where a pattern can start (dates: extract/dates/lib/starts.ts; claims: the
 * cue prefix index in claims/lexicon.ts) run the pattern's sticky (`y`) copy at
 * those positions and must find exactly what `text.matchAll(globalRegex)` finds,
 * provided every position where a match can start is among them.
 */

/** The matches a global scan of `text` would find, tried only at `positions` (ascending; repeats allowed). */
export function matchesAt(sticky: RegExp, text: string, positions: readonly number[]): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let next = 0;
  for (const at of positions) {
    // A position listed twice, or inside the last match: a global scan never starts there.
    if (at < next) continue;
    sticky.lastIndex = at;
    const m = sticky.exec(text);
    // An empty match is skipped, as a global scan steps past it.
    if (m === null || m[0].length === 0) continue;
    out.push(m);
    next = at + m[0].length;
  }
  return out;
}
