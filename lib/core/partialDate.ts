/**
 * Dates in the dossier carry their precision in their length: `2005`, `2005-10`, `2023-08-02`.
 * These helpers sort and display them without pretending to more precision than the source gives.
 */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type Precision = 'year' | 'month' | 'day';

export function precisionOf(date: string): Precision {
  return date.length === 4 ? 'year' : date.length === 7 ? 'month' : 'day';
}

/** Chronological order; a coarser date sorts before finer dates inside it (2020 before 2020-01). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `2005` → "2005", `2005-10` → "Oct 2005", `2023-08-02` → "2 Aug 2023"; `inferred` adds " (inferred)". */
export function formatPartialDate(date: string, inferred = false): string {
  const [year, month, day] = date.split('-');
  let text = year ?? date;
  if (month) text = `${MONTHS[Number(month) - 1] ?? month} ${text}`;
  if (day) text = `${Number(day)} ${text}`;
  return inferred ? `${text} (inferred)` : text;
}
