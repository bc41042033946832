/**
 * Consistency checks for a dossier beyond its shape. Pure: no file system, no DOM, no browser APIs, so
 * the same code runs in the CLI (`lib/cli/dataCheck.ts`), in unit tests and, if ever needed, in the
 * extension itself.
 *
 * - `checkDossierStructure(input)`: the valibot shape (via `parseDossier`) plus everything that needs no
 *   seed text: unique ids, resolvable references, alias clashes, every entity backed by a fact or event, and
 *   the editorial rules of version 2 (`editorialErrors`): a reader label and date basis for every source, no
 *   seed file names or internal ids in reader-facing text, balanced quotation marks, conflict types that fit
 *   their positions, and an explanation for every event date no quote states.
 * - `checkDossier(input, seeds)`: all of the above, plus every `source.file` present among the seeds and
 *   every quote found verbatim (whitespace-normalised) in the seed file of the source it cites.
 *
 * Every message starts with the path of the record it concerns (`facts[3] "some-id"`) so it can be fixed
 * without guessing. An empty array means the dossier passed.
 */
import { parseDossier, type Alias, type Dossier, type Evidence } from '../../data/schema';

/** Runs of whitespace (including no-break spaces and line breaks) collapse to one space; ends trimmed. */
export function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The first characters of a quote, for messages. */
function quoteStart(quote: string, length = 60): string {
  const q = normaliseWhitespace(quote);
  return q.length > length ? `${q.slice(0, length)}…` : q;
}

function label(collection: string, index: number, id: string): string {
  return `${collection}[${index}] "${id}"`;
}

/** Shape + every check that does not need the seed texts. */
export function checkDossierStructure(input: unknown): string[] {
  const parsed = parseDossier(input);
  if (!parsed.ok) return parsed.errors;
  return [...structuralErrors(parsed.dossier), ...editorialErrors(parsed.dossier)];
}

/** Everything `checkDossierStructure` does, plus source files and quotes against the seed texts. */
export function checkDossier(input: unknown, seeds: Record<string, string>): string[] {
  const errors = checkDossierStructure(input);
  const parsed = parseDossier(input);
  if (!parsed.ok) return errors; // shape errors already reported; the rest would be noise
  return [...errors, ...seedErrors(parsed.dossier, seeds)];
}

function structuralErrors(d: Dossier): string[] {
  const errors: string[] = [];

  // Ids unique within each collection.
  const collections = {
    sources: d.sources,
    entities: d.entities,
    facts: d.facts,
    events: d.events,
    conflicts: d.conflicts,
  } as const;
  for (const [name, items] of Object.entries(collections)) {
    const firstIndex = new Map<string, number>();
    items.forEach((item, i) => {
      const first = firstIndex.get(item.id);
      if (first === undefined) firstIndex.set(item.id, i);
      else errors.push(`${name}[${i}]: duplicate id "${item.id}" (already used by ${name}[${first}])`);
    });
  }

  const entityIds = new Set(d.entities.map((e) => e.id));
  const sourceIds = new Set(d.sources.map((s) => s.id));

  // Entities: related ids, aliases, false friends.
  d.entities.forEach((entity, i) => {
    const where = label('entities', i, entity.id);
    entity.related.forEach((rel, j) => {
      if (rel === entity.id) errors.push(`${where}: related[${j}] points at the entity itself`);
      else if (!entityIds.has(rel)) errors.push(`${where}: related[${j}] "${rel}" is not an entity id`);
    });
    if (entity.aliases.every((a) => a.afterFullName)) {
      errors.push(`${where}: every alias is afterFullName, so the entity could never be matched`);
    }
    for (const friend of entity.falseFriends ?? []) {
      const lower = normaliseWhitespace(friend).toLowerCase();
      const contained = entity.aliases.some((a) => lower.includes(normaliseWhitespace(a.text).toLowerCase()));
      if (!contained) errors.push(`${where}: falseFriend "${friend}" does not contain any of the entity's aliases`);
    }
  });

  errors.push(...aliasClashes(d));

  // References from facts, events and conflicts.
  const checkEntityRefs = (where: string, ids: readonly string[]) => {
    ids.forEach((id, j) => {
      if (!entityIds.has(id)) errors.push(`${where}: entities[${j}] "${id}" is not an entity id`);
    });
  };
  const checkSourceRef = (where: string, source: string) => {
    if (!sourceIds.has(source)) errors.push(`${where} cites unknown source "${source}"`);
  };
  d.facts.forEach((fact, i) => {
    const where = label('facts', i, fact.id);
    checkEntityRefs(where, fact.entities);
    fact.evidence.forEach((ev, j) => checkSourceRef(`${where}: evidence[${j}]`, ev.source));
  });
  d.events.forEach((event, i) => {
    const where = label('events', i, event.id);
    checkEntityRefs(where, event.entities);
    event.evidence.forEach((ev, j) => checkSourceRef(`${where}: evidence[${j}]`, ev.source));
  });
  d.conflicts.forEach((conflict, i) => {
    const where = label('conflicts', i, conflict.id);
    checkEntityRefs(where, conflict.entities);
    conflict.positions.forEach((p, j) => checkSourceRef(`${where}: positions[${j}]`, p.source));
  });

  // Every entity is backed by at least one fact or event.
  const backed = new Set<string>();
  for (const item of [...d.facts, ...d.events]) for (const id of item.entities) backed.add(id);
  d.entities.forEach((entity, i) => {
    if (!backed.has(entity.id))
      errors.push(`${label('entities', i, entity.id)}: no fact or event mentions this entity`);
  });

  return errors;
}

interface AliasOwner {
  entity: string;
  alias: Alias;
}

/**
 * Two aliases clash when a page text could match both: acronyms compare exactly (they match
 * case-sensitively), and whenever a name is involved the comparison ignores case. Runs of whitespace
 * count as one space.
 */
function aliasClashes(d: Dossier): string[] {
  const errors: string[] = [];
  const byLower = new Map<string, AliasOwner[]>();
  for (const entity of d.entities) {
    for (const alias of entity.aliases) {
      const key = normaliseWhitespace(alias.text).toLowerCase();
      const list = byLower.get(key) ?? [];
      list.push({ entity: entity.id, alias });
      byLower.set(key, list);
    }
  }
  for (const owners of byLower.values()) {
    for (let a = 0; a < owners.length; a++) {
      for (let b = a + 1; b < owners.length; b++) {
        const x = owners[a]!;
        const y = owners[b]!;
        const bothAcronyms = x.alias.match === 'acronym' && y.alias.match === 'acronym';
        if (bothAcronyms && normaliseWhitespace(x.alias.text) !== normaliseWhitespace(y.alias.text)) continue;
        const how = bothAcronyms ? 'exactly' : 'ignoring case';
        if (x.entity === y.entity) {
          errors.push(
            `entity "${x.entity}": alias "${x.alias.text}" is listed twice (${x.alias.match} "${x.alias.text}" and ${y.alias.match} "${y.alias.text}" are equal ${how})`,
          );
        } else {
          errors.push(
            `duplicate alias: ${x.alias.match} "${x.alias.text}" of entity "${x.entity}" and ${y.alias.match} "${y.alias.text}" of entity "${y.entity}" are equal ${how}`,
          );
        }
      }
    }
  }
  return errors;
}

/**
 * Rules that keep the reader-facing text honest and usable. The schema lets version-1 documents omit labels,
 * date bases and conflict types; the bundled dossier must have them.
 */
function editorialErrors(d: Dossier): string[] {
  return [
    ...versionErrors(d),
    ...sourceLabelErrors(d),
    ...internalNameErrors(d),
    ...quotationMarkErrors(d),
    ...conflictTypeErrors(d),
    ...eventDateErrors(d),
  ];
}

function versionErrors(d: Dossier): string[] {
  return d.version === 2
    ? []
    : [`version: the bundled dossier must be version 2 (source labels, date bases, conflict types), not ${d.version}`];
}

function sourceLabelErrors(d: Dossier): string[] {
  const errors: string[] = [];
  d.sources.forEach((source, i) => {
    const where = label('sources', i, source.id);
    if (source.label === undefined) errors.push(`${where}: no label: give the source a name a reader can use`);
    if (source.dateBasis === undefined) {
      errors.push(`${where}: no dateBasis: say whether the date is stated, from a forum copy, inferred or unknown`);
      return;
    }
    const needsNote = source.dateBasis === 'forum-copy' || source.dateBasis === 'inferred';
    if (needsNote && source.dateNote === undefined)
      errors.push(`${where}: dateBasis "${source.dateBasis}" needs a dateNote explaining it`);
    const dated = source.date !== 'undated';
    if ((source.dateBasis === 'stated' || source.dateBasis === 'forum-copy') && !dated) {
      errors.push(`${where}: dateBasis "${source.dateBasis}" but the date is "undated"`);
    }
    if ((source.dateBasis === 'inferred' || source.dateBasis === 'unknown') && dated) {
      errors.push(
        `${where}: dateBasis "${source.dateBasis}" is for undated documents, but the date is "${source.date}" (use "stated" or "forum-copy")`,
      );
    }
  });
  return errors;
}

/** Every piece of text a reader sees, with where it sits. Quotes are excluded: they are the seeds' words. */
function readerTexts(d: Dossier): { where: string; field: string; text: string }[] {
  const texts: { where: string; field: string; text: string }[] = [];
  const add = (where: string, field: string, text: string | undefined) => {
    if (text !== undefined) texts.push({ where, field, text });
  };
  d.sources.forEach((s, i) => {
    const where = label('sources', i, s.id);
    for (const field of ['label', 'outlet', 'title', 'author', 'dateNote', 'reliability'] as const)
      add(where, field, s[field]);
  });
  d.entities.forEach((e, i) => {
    const where = label('entities', i, e.id);
    add(where, 'name', e.name);
    add(where, 'description', e.description);
  });
  d.facts.forEach((f, i) => {
    const where = label('facts', i, f.id);
    add(where, 'statement', f.statement);
    add(where, 'attribution', f.attribution);
  });
  d.events.forEach((e, i) => {
    const where = label('events', i, e.id);
    add(where, 'label', e.label);
    add(where, 'inferred', e.inferred);
  });
  d.conflicts.forEach((c, i) => {
    const where = label('conflicts', i, c.id);
    add(where, 'topic', c.topic);
    c.positions.forEach((p, j) => add(where, `positions[${j}].says`, p.says));
    add(where, 'note', c.note);
  });
  return texts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Seed references a reader cannot use: "000_da93….txt", "seed 000", "Seeds 000 and 003". */
const SEED_REFERENCES = [/\b[\w-]+\.txt\b/g, /\b\d{3}_[0-9a-f]{6,}\b/g, /\bseeds?\s+\d{3}\b/gi, /\bseeds?\s+file\b/gi];

function internalNameErrors(d: Dossier): string[] {
  const errors: string[] = [];
  // Only hyphenated ids are looked for: a one-word id ("mint", "forum") is also an ordinary word, and prose
  // using it is no leak. An id counts only as a whole token ("cis-moa" inside "cis-moa-scope" is not one), and
  // ids are lower case and compared as such, so the name "CIS-MOA" in prose is fine.
  const ids: { id: string; kind: string; pattern: RegExp }[] = [];
  const collections = { source: d.sources, entity: d.entities, fact: d.facts, event: d.events, conflict: d.conflicts };
  for (const [kind, items] of Object.entries(collections)) {
    for (const item of items) {
      if (!item.id.includes('-')) continue;
      ids.push({ id: item.id, kind, pattern: new RegExp(`(?<![\\w-])${escapeRegExp(item.id)}(?![\\w-])`) });
    }
  }
  const files = d.sources.map((s) => s.file);
  for (const { where, field, text } of readerTexts(d)) {
    // What was found, keyed by the text itself, so a file name is not reported again as its own stem.
    const found = new Map<string, string>();
    for (const file of files) if (text.includes(file)) found.set(file, `the seed file "${file}"`);
    for (const pattern of SEED_REFERENCES) {
      for (const m of text.matchAll(pattern)) if (!found.has(m[0])) found.set(m[0], `the seed reference "${m[0]}"`);
    }
    for (const { id, kind, pattern } of ids) if (pattern.test(text)) found.set(id, `the internal ${kind} id "${id}"`);
    const hits = [...found.keys()];
    for (const [hit, what] of found) {
      if (hits.some((other) => other !== hit && other.includes(hit))) continue;
      errors.push(`${where}: ${field} names ${what}; reader-facing text must not`);
    }
  }
  return errors;
}

/** Why a text's quotation marks do not pair up, or undefined when they do. */
function unbalancedQuotationMarks(text: string): string | undefined {
  const count = (ch: string) => text.split(ch).length - 1;
  if (count('"') % 2 === 1) return 'has an unmatched "';
  if (count('\u201c') !== count('\u201d')) return `has ${count('\u201c')} opening “ and ${count('\u201d')} closing ”`;
  return undefined;
}

function quotationMarkErrors(d: Dossier): string[] {
  const errors: string[] = [];
  const checkQuote = (where: string, quote: string) => {
    const problem = unbalancedQuotationMarks(quote);
    if (problem)
      errors.push(
        `${where}: quote ${problem} (end the quote inside the quotation or take all of it): "${quoteStart(quote)}"`,
      );
  };
  const checkEvidence = (where: string, evidence: readonly Evidence[]) =>
    evidence.forEach((ev, j) => checkQuote(`${where}: evidence[${j}]`, ev.quote));
  d.facts.forEach((f, i) => checkEvidence(label('facts', i, f.id), f.evidence));
  d.events.forEach((e, i) => checkEvidence(label('events', i, e.id), e.evidence));
  d.conflicts.forEach((c, i) =>
    c.positions.forEach((p, j) => checkQuote(`${label('conflicts', i, c.id)}: positions[${j}]`, p.quote)),
  );
  for (const { where, field, text } of readerTexts(d)) {
    const problem = unbalancedQuotationMarks(text);
    if (problem) errors.push(`${where}: ${field} ${problem}`);
  }
  return errors;
}

function conflictTypeErrors(d: Dossier): string[] {
  const errors: string[] = [];
  d.conflicts.forEach((conflict, i) => {
    const where = label('conflicts', i, conflict.id);
    const perSource = new Map<string, number>();
    for (const p of conflict.positions) perSource.set(p.source, (perSource.get(p.source) ?? 0) + 1);
    const cited = [...perSource.keys()].map((s) => `"${s}"`).join(', ');
    switch (conflict.type) {
      case undefined:
        errors.push(
          `${where}: no type: say whether sources differ, it is a single-source claim, or a self-contradiction`,
        );
        break;
      case 'sources-differ':
        if (perSource.size < 2)
          errors.push(`${where}: "sources-differ" needs positions from at least two sources, but all cite ${cited}`);
        break;
      case 'single-source':
        if (perSource.size > 1)
          errors.push(`${where}: "single-source" needs every position from one source, but they cite ${cited}`);
        break;
      case 'self-contradiction':
        if (![...perSource.values()].some((n) => n >= 2)) {
          errors.push(
            `${where}: "self-contradiction" needs at least two positions from the same source, but each of ${cited} has one`,
          );
        }
        break;
    }
  });
  return errors;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Whether a quote states a partial date at the date's own precision ("October 2005" for 2005-10). */
function quoteStatesDate(quote: string, date: string): boolean {
  const [year, month, day] = date.split('-');
  if (!year || !new RegExp(`\\b${year}\\b`).test(quote)) return false;
  if (!month) return true;
  if (quote.includes(`${year}-${month}${day ? `-${day}` : ''}`)) return true;
  const name = MONTH_NAMES[Number(month) - 1]!;
  const monthPattern = `(?:${name}|${name.slice(0, 3)}\\.?)`;
  if (!day) return new RegExp(`\\b${monthPattern}\\b`, 'i').test(quote);
  const d = String(Number(day));
  return new RegExp(`\\b0?${d}(?:st|nd|rd|th)?\\s+${monthPattern}\\b|\\b${monthPattern}\\s+0?${d}\\b`, 'i').test(quote);
}

/** A date no quote states was worked out; the event must say how. */
function eventDateErrors(d: Dossier): string[] {
  const errors: string[] = [];
  d.events.forEach((event, i) => {
    if (event.inferred !== undefined) return;
    if (event.evidence.some((ev) => quoteStatesDate(ev.quote, event.date))) return;
    errors.push(
      `${label('events', i, event.id)}: no quote states the date ${event.date}; say in "inferred" how it was worked out`,
    );
  });
  return errors;
}

function seedErrors(d: Dossier, seeds: Record<string, string>): string[] {
  const errors: string[] = [];
  const normalisedSeeds = new Map<string, string>();
  for (const [file, text] of Object.entries(seeds)) normalisedSeeds.set(file, normaliseWhitespace(text));
  const available = Object.keys(seeds).sort().join(', ') || 'none';

  const fileOf = new Map<string, string>();
  d.sources.forEach((source, i) => {
    if (normalisedSeeds.has(source.file)) fileOf.set(source.id, source.file);
    else
      errors.push(
        `${label('sources', i, source.id)}: file "${source.file}" is not among the seed files (${available})`,
      );
  });

  const checkQuote = (where: string, source: string, quote: string) => {
    const file = fileOf.get(source);
    if (file === undefined) return; // unknown source or missing file: reported elsewhere
    const text = normalisedSeeds.get(file)!;
    if (!text.includes(normaliseWhitespace(quote))) {
      errors.push(`${where}: quote not found in source "${source}" (file ${file}): "${quoteStart(quote)}"`);
    }
  };
  d.facts.forEach((fact, i) => {
    fact.evidence.forEach((ev, j) => checkQuote(`${label('facts', i, fact.id)}: evidence[${j}]`, ev.source, ev.quote));
  });
  d.events.forEach((event, i) => {
    event.evidence.forEach((ev, j) =>
      checkQuote(`${label('events', i, event.id)}: evidence[${j}]`, ev.source, ev.quote),
    );
  });
  d.conflicts.forEach((conflict, i) => {
    conflict.positions.forEach((p, j) =>
      checkQuote(`${label('conflicts', i, conflict.id)}: positions[${j}]`, p.source, p.quote),
    );
  });
  return errors;
}
