/** Ordering and display of TIMEX3 values on the timeline. */

const SEASON_MONTH: Record<string, string> = { SP: '03', SU: '06', FA: '09', AU: '09', WI: '12' };
const PART_MONTH: Record<string, string> = { Q1: '01', Q2: '04', Q3: '07', Q4: '10', H1: '01', H2: '07' };

/**
 * A sort key for a TIMEX3 value: "YYYY-MM-DD" with unknown parts as "00"
 * (seasons, quarters and halves placed at their first month), so that
 * "2015", "2015-FA", "2015-10" and "2015-10-14" sort in that order. Values
 * that are not anchored dates (PRESENT_REF, durations, XXXX-…) sort last.
 */
export function timexSortKey(value: string): string {
  const m = /^(\d{4})(?:-(\d{2}|SP|SU|FA|AU|WI|Q[1-4]|H[12]|W\d{2}))?(?:-(\d{2}))?/.exec(value);
  if (!m) {
    const decade = /^(\d{3})$/.exec(value);
    if (decade) return `${decade[1]}0-00-00`;
    const century = /^(\d{2})$/.exec(value);
    if (century) return `${century[1]}00-00-00`;
    return `9999-99-99 ${value}`;
  }
  const year = m[1] as string;
  const part = m[2];
  let month = '00';
  if (part !== undefined) month = /^\d{2}$/.test(part) ? part : (SEASON_MONTH[part] ?? PART_MONTH[part] ?? '00');
  const day = m[3] ?? '00';
  return `${year}-${month}-${day} ${value}`;
}

export function compareTimex(a: string, b: string): number {
  const ka = timexSortKey(a);
  const kb = timexSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
