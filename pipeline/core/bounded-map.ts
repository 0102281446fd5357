/**
 * A Map that empties itself when it holds `max` entries and another is set: the memo of
 * a pure function of a word or a line (a fold, a key, a tag, a rule match), kept across
 * documents, that must not grow without bound over a long batch. Emptied whole rather
 * than evicted entry by entry: the frequent words come back at once, and no lookup pays
 * for bookkeeping. What it holds never changes an answer, only how soon it comes.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number;

  constructor(max: number) {
    super();
    this.max = max;
  }

  override set(key: K, value: V): this {
    if (this.size >= this.max) this.clear();
    return super.set(key, value);
  }
}
