/**
 * Consistency checks for a dossier beyond its shape. Pure: no file system, no DOM, no browser APIs, so
 * the same code runs in the CLI (`lib/cli/dataCheck.ts`), in unit tests and, if ever needed, in the
 * extension itself.
 *
 * - `checkDossierStructure(input)`: the valibot shape (via `parseDossier`) plus everything that needs no
 *   seed text: unique ids, resolvable references, alias clashes, every entity backed by a fact or event.
 * - `checkDossier(input, seeds)`: all of the above, plus every `source.file` present among the seeds and
 *   every quote found verbatim (whitespace-normalised) in the seed file of the source it cites.
 *
 * Every message starts with the path of the record it concerns (`facts[3] "some-id"`) so it can be fixed
 * without guessing. An empty array means the dossier passed.
 */
import { parseDossier, type Alias, type Dossier } from '../../data/schema';

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
  return structuralErrors(parsed.dossier);
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
    if (!backed.has(entity.id)) errors.push(`${label('entities', i, entity.id)}: no fact or event mentions this entity`);
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
          errors.push(`entity "${x.entity}": alias "${x.alias.text}" is listed twice (${x.alias.match} "${x.alias.text}" and ${y.alias.match} "${y.alias.text}" are equal ${how})`);
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

function seedErrors(d: Dossier, seeds: Record<string, string>): string[] {
  const errors: string[] = [];
  const normalisedSeeds = new Map<string, string>();
  for (const [file, text] of Object.entries(seeds)) normalisedSeeds.set(file, normaliseWhitespace(text));
  const available = Object.keys(seeds).sort().join(', ') || 'none';

  const fileOf = new Map<string, string>();
  d.sources.forEach((source, i) => {
    if (normalisedSeeds.has(source.file)) fileOf.set(source.id, source.file);
    else errors.push(`${label('sources', i, source.id)}: file "${source.file}" is not among the seed files (${available})`);
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
    event.evidence.forEach((ev, j) => checkQuote(`${label('events', i, event.id)}: evidence[${j}]`, ev.source, ev.quote));
  });
  d.conflicts.forEach((conflict, i) => {
    conflict.positions.forEach((p, j) => checkQuote(`${label('conflicts', i, conflict.id)}: positions[${j}]`, p.source, p.quote));
  });
  return errors;
}
