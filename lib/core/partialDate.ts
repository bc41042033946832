/**
 * Dates in the dossier carry their precision in their length: `2005`, `2005-10`, `2023-08-02`.
 * These helpers sort and display them without pretending to more precision than the source gives.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type Precision = 'year' | 'month' | 'day';

export function precisionOf(date: string): Precision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/**
 * The latest moment a partial date can stand for, as a comparable string: `2020` → `2020-13-32`,
 * `2020-01` → `2020-01-32`. Month 13 and day 32 sort after every real month and day.
 */
function sortKey(date: string): string {
  const precision = precisionOf(date);
  return precision === 'year' ? `${date}-13-32` : precision === 'month' ? `${date}-32` : date;
}

/**
 * Chronological order; a coarser date sorts after the finer dates inside it (2020-01 before 2020, 2023-08-02
 * before 2023-08). "The agreement expired in 2020" says nothing about January, so placing it first would read as
 * if it came before everything else that year.
 */
export function compareDates(a: string, b: string): number {
  const ka = sortKey(a);
  const kb = sortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** `2005` → "2005", `2005-10` → "Oct 2005", `2023-08-02` → "2 Aug 2023"; `inferred` adds " (inferred)". */
export function formatPartialDate(date: string, inferred = false): string {
  const [year, month, day] = date.split('-');
  let text = year ?? date;
  if (month) text = `${MONTHS[Number(month) - 1] ?? month} ${text}`;
  if (day) text = `${Number(day)} ${text}`;
  return inferred ? `${text} (inferred)` : text;
}
