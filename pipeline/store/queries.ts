/**
 * Example queries over the store, as shown in the README (kept here so a
 * test runs them against a real store and they cannot rot). Parameters are
 * named (`:actor`, `:topic`), as the sqlite3 shell's `.param set` and
 * better-sqlite3 both take them.
 */
export const EXAMPLE_QUERIES = {
  /** All disagreements involving an actor (as subject or object of either side's entry). */
  disagreementsOfActor: `
SELECT DISTINCT d.id, d.kind, d.period_start, d.period_end, d.summary
FROM disagreements d
JOIN ledger_entries e ON e.id IN (d.entry_a, d.entry_b)
WHERE e.subject = :actor OR e.object = :actor
ORDER BY d.period_start, d.id`,

  /** Every claim about a topic, by date (the claim's period, else its time value), with its source. */
  claimsOfTopicByDate: `
SELECT COALESCE(e.period_start, c.time_value) AS date, c.doc_id, d.published, d.outlet,
       c.subject, c.relation, c.polarity, c.quote
FROM entry_topics t
JOIN entry_sources s ON s.entry_id = t.entry_id
JOIN ledger_entries e ON e.id = t.entry_id
JOIN claims c ON c.doc_id = s.doc_id AND c.id = s.claim_id
JOIN documents d ON d.id = c.doc_id
WHERE t.topic = :topic
ORDER BY date, d.published, c.doc_id, c.start`,

  /** Sources per ledger entry: how many documents support it, and which. */
  sourcesPerEntry: `
SELECT e.id, e.summary, e.status, COUNT(DISTINCT s.doc_id) AS sources,
       group_concat(DISTINCT COALESCE(d.outlet, d.id)) AS outlets
FROM ledger_entries e
JOIN entry_sources s ON s.entry_id = e.id
JOIN documents d ON d.id = s.doc_id
GROUP BY e.id
ORDER BY sources DESC, e.id`,
} as const;
