/**
 * The surname heuristic (the rules at the top of matcher.ts): a bare surname right after someone else's given name
 * ("Saleem Bajwa", "Kamal Munir") is not the person's; after one of the person's own alias words ("Javed Bajwa") it
 * is. Pure: no DOM, no browser APIs.
 */
import { classAt, INVISIBLE, withoutSkipped, WS } from './characterClasses';
import type { Pattern, Target } from './matcherData';

/**
 * Words before a bare surname that do not make it someone else's full name: titles and ranks (the brief's
 * list plus common ones), and capitalised words that start sentences, weekdays and months.
 */
const NOT_A_GIVEN_NAME = new Set(
  (
    'general gen lt lieutenant field marshal secretary mr mrs ms dr president minister chief army coas commander ' +
    'maj major col colonel brig brigadier adm admiral vice rear capt captain sgt sen senator rep gov governor ' +
    'ambassador envoy prime defence defense foreign state former ex prof professor sir madam premier officer ' +
    'the a an and but or nor so yet when while after before since as if though although because yesterday ' +
    'today tomorrow on in at by for with from to of then now meanwhile also according however here there ' +
    'this that these those his her their our its said says asked told why how what where who whom ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
    'august september october november december ' +
    // Headlines capitalise every word: the verbs they put before a name ("Pompeo Calls Bajwa").
    'meets met calls called dials dialled dialed says visits visited hosts hosted urges urged slams praises ' +
    'thanks backs tells asks greets receives received phones phoned welcomes congratulates briefs warns ' +
    'killed kills sacks appoints names named'
  ).split(' '),
);

const RE_STARTS_UPPER = /^\p{Lu}/u;
const RE_HAS_LOWER = /\p{Ll}/u;

/** The first target whose conditions hold, or null (a bare surname right after someone's given name). */
export function chooseTarget(
  pattern: Pattern,
  text: string,
  s: number,
  prevS: number,
  prevE: number,
  lastHitEnd: number,
): Target | null {
  const first = pattern.targets[0]!;
  if (!first.guard) return first;
  const word = givenNameBefore(text, s, prevS, prevE, lastHitEnd);
  return word === null ? first : (pattern.byOwnWord!.get(word) ?? null);
}

/**
 * The surname heuristic (see the top of matcher.ts), entity-independent part: the lower-cased previous word if it
 * looks like a given name (capitalised, not all caps, not a title or sentence word, whitespace-only gap, not part
 * of the previous hit), else null. s = start of the surname.
 */
function givenNameBefore(text: string, s: number, prevS: number, prevE: number, lastHitEnd: number): string | null {
  if (prevS < 0 || lastHitEnd >= prevE) return null;
  for (let j = prevE; j < s; j++) {
    const k = classAt(text, j) & 15;
    if (k !== WS && k !== INVISIBLE) return null;
  }
  const c = text.charCodeAt(prevS);
  if (c < 128 ? !(c >= 65 && c <= 90) : !RE_STARTS_UPPER.test(text.slice(prevS, prevS + 2))) return null;
  let hasLower = false;
  for (let j = prevS + 1; j < prevE && !hasLower; j++) {
    const d = text.charCodeAt(j);
    hasLower = d < 128 ? d >= 97 && d <= 122 : RE_HAS_LOWER.test(text.slice(j, j + 2));
  }
  if (!hasLower) return null;
  const low = withoutSkipped(text.slice(prevS, prevE)).toLowerCase();
  // A headline's gerund ("After Killing Soleimani", "Meeting Munir") is not a given name either.
  if (low.length >= 5 && low.endsWith('ing')) return null;
  return NOT_A_GIVEN_NAME.has(low) ? null : low;
}
