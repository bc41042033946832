/**
 * Assembles the card for one entity from dossier records. Pure, so the IndexedDB path (which queries
 * the records by index) and the in-memory fallback (which filters the bundled arrays) build the same card.
 */
import type { Conflict, Entity, Fact, Source, TimelineEvent } from '../../data/schema';
import { compareDates } from './partialDate';

/** Where the background served the dossier from. `memory` means IndexedDB could not be opened. */
export type CacheOrigin = 'indexeddb' | 'memory';

/** Everything a card shows about one entity, as the background sends it to a page. */
export interface EntityCard {
  entity: Entity;
  facts: Fact[];
  events: TimelineEvent[];
  conflicts: Conflict[];
  /** The sources cited by the facts, events and conflicts above, by id. */
  sources: Record<string, Source>;
  /** Display names of related entities, by id. */
  relatedNames: Record<string, string>;
  origin: CacheOrigin;
}

export interface CardRecords {
  entity: Entity;
  facts: readonly Fact[];
  events: readonly TimelineEvent[];
  conflicts: readonly Conflict[];
  /** At least the sources cited by the records above. */
  sources: readonly Source[];
  /** At least the entities listed in `entity.related`. */
  relatedEntities: readonly Pick<Entity, 'id' | 'name'>[];
}

export function buildCard(records: CardRecords, origin: CacheOrigin): EntityCard {
  const { entity } = records;
  const cited = new Set<string>();
  for (const item of [...records.facts, ...records.events]) for (const e of item.evidence) cited.add(e.source);
  for (const c of records.conflicts) for (const p of c.positions) cited.add(p.source);
  const sources: Record<string, Source> = {};
  for (const s of records.sources) if (cited.has(s.id)) sources[s.id] = s;
  const relatedNames: Record<string, string> = {};
  for (const r of records.relatedEntities) if (entity.related.includes(r.id)) relatedNames[r.id] = r.name;
  return {
    entity,
    facts: [...records.facts],
    events: [...records.events].sort((a, b) => compareDates(a.date, b.date)),
    conflicts: [...records.conflicts],
    sources,
    relatedNames,
    origin,
  };
}

/** Picks the records of one entity out of whole collections (the in-memory path). */
export function recordsFor(
  entityId: string,
  all: {
    entities: readonly Entity[];
    facts: readonly Fact[];
    events: readonly TimelineEvent[];
    conflicts: readonly Conflict[];
    sources: readonly Source[];
  },
): CardRecords | undefined {
  const entity = all.entities.find((e) => e.id === entityId);
  if (!entity) return undefined;
  return {
    entity,
    facts: all.facts.filter((f) => f.entities.includes(entityId)),
    events: all.events.filter((e) => e.entities.includes(entityId)),
    conflicts: all.conflicts.filter((c) => c.entities.includes(entityId)),
    sources: all.sources,
    relatedEntities: all.entities.filter((e) => entity.related.includes(e.id)),
  };
}

/** A source as one card cites it: numbered once ([1] … [n]) in the order the card first cites it. */
export interface NumberedSource {
  n: number;
  id: string;
  /** Undefined when the dossier cites an id it does not describe (a user pack's slip): shown by its id. */
  source: Source | undefined;
}

/** Kinds of document that only relay someone else's reporting: a card resting on one of them alone says so. */
const SECOND_HAND_KINDS: ReadonlySet<Source['kind']> = new Set(['rewrite', 'translation', 'forum-post']);

/** What the card shows, worked out once per card: the preview's three facts and one numbering of its sources. */
export interface CardReading {
  /** One line on the entity's role in the story, cut from its description. */
  role: string;
  /** The facts the preview shows, best corroborated first (at most three). */
  keyFacts: Fact[];
  /** Every fact, the key facts first, then the rest in dossier order. */
  facts: Fact[];
  sources: NumberedSource[];
  /** The number of each cited source id. */
  numberOf: Record<string, number>;
  /** How many points the sources disagree on (conflicts where at least two sources differ). */
  disputedPoints: number;
  /** Set when every fact and event rests on one second-hand source: that source. */
  soleWeakSource: NumberedSource | undefined;
}

const KEY_FACTS = 3;
/** Longer statements take four lines or more in the preview: among equally sourced facts, shorter ones lead. */
const PREVIEW_STATEMENT_CHARS = 200;
const ROLE_CHARS = 110;
/** A key fact in the preview is cut to about two lines; the expanded card has it whole. */
export const PREVIEW_FACT_CHARS = 90;

function distinctSources(evidence: readonly { source: string }[]): number {
  return new Set(evidence.map((e) => e.source)).size;
}

/**
 * The preview's facts: the ones the most distinct sources back (corroboration is what a quick reader can trust),
 * then statements short enough to read at a glance, then the dossier's own order (its authors put the news first).
 */
export function chooseKeyFacts(facts: readonly Fact[], count = KEY_FACTS): Fact[] {
  return facts
    .map((fact, index) => ({ fact, index }))
    .sort(
      (a, b) =>
        distinctSources(b.fact.evidence) - distinctSources(a.fact.evidence) ||
        Number(a.fact.statement.length > PREVIEW_STATEMENT_CHARS) -
          Number(b.fact.statement.length > PREVIEW_STATEMENT_CHARS) ||
        a.index - b.index,
    )
    .slice(0, count)
    .map((x) => x.fact);
}

/** A sentence that only spells out a name ("Communication Interoperability and Security Memorandum of Agreement."). */
function onlySpellsOutName(sentence: string): boolean {
  const words = sentence.replace(/[.:;]$/, '').split(/\s+/);
  return words.length > 1 && words.every((w) => /^[A-Z(]/.test(w) || /^(and|of|the|for|on|in|de|du)$/.test(w));
}

/** Abbreviations that end in a full stop without ending a sentence ("Gen. Michael Erik Kurilla"). */
const ABBREVIATION = /\b(Gen|Lt|Col|Maj|Capt|Adm|Mr|Mrs|Ms|Dr|St|No|Sen|Rep|Gov)\.$/;
/** Clauses this short ("General.", "Pakistan's army.") say too little alone: the next one is added. */
const ROLE_MIN_CHARS = 40;

/** The description's sentences and semicolon clauses, in order, each with its closing mark. */
function clausesOf(description: string): string[] {
  const clauses: string[] = [];
  let current = '';
  for (const piece of description.split(/(?<=[.;])\s+/)) {
    current = current ? `${current} ${piece}` : piece;
    const endsSentence = current.endsWith(';') || (current.endsWith('.') && !ABBREVIATION.test(current));
    if (endsSentence) {
      clauses.push(current);
      current = '';
    }
  }
  if (current) clauses.push(current);
  return clauses;
}

/**
 * One line on the entity's role: the description's first clause that says something (a sentence that only spells
 * out the name is skipped, a very short one gets the next clause too), cut at a word boundary when still long.
 */
export function roleLine(description: string, maxChars = ROLE_CHARS): string {
  const clauses = clausesOf(description.trim());
  let i = clauses.findIndex((c) => !onlySpellsOutName(c));
  if (i < 0) i = 0;
  let line = clauses[i] ?? description;
  while (line.length < ROLE_MIN_CHARS && i + 1 < clauses.length) line = `${line} ${clauses[++i]}`;
  return clipAtWord(line.replace(/;$/, '.'), maxChars);
}

/** `text` cut to at most `maxChars` at a word boundary, with an ellipsis when cut. */
export function clipAtWord(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : cut).replace(/[,;:(]$/, '')}…`;
}

/**
 * Numbers each cited source once, in the order a reader meets them: the key facts, the other facts, the timeline,
 * then the disagreements.
 */
export function numberSources(card: EntityCard, facts: readonly Fact[] = card.facts): NumberedSource[] {
  const numbered: NumberedSource[] = [];
  const seen = new Set<string>();
  const cite = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    numbered.push({ n: numbered.length + 1, id, source: card.sources[id] });
  };
  for (const fact of facts) for (const e of fact.evidence) cite(e.source);
  for (const event of card.events) for (const e of event.evidence) cite(e.source);
  for (const conflict of card.conflicts) for (const p of conflict.positions) cite(p.source);
  return numbered;
}

export function readCard(card: EntityCard): CardReading {
  const keyFacts = chooseKeyFacts(card.facts);
  const facts = [...keyFacts, ...card.facts.filter((f) => !keyFacts.includes(f))];
  const sources = numberSources(card, facts);
  const numberOf: Record<string, number> = {};
  for (const s of sources) numberOf[s.id] = s.n;
  const backing = new Set<string>();
  for (const item of [...card.facts, ...card.events]) for (const e of item.evidence) backing.add(e.source);
  const [only] = backing;
  const sole = backing.size === 1 && only !== undefined ? sources.find((s) => s.id === only) : undefined;
  return {
    role: roleLine(card.entity.description),
    keyFacts,
    facts,
    sources,
    numberOf,
    disputedPoints: card.conflicts.filter((c) => (c.type ?? 'sources-differ') === 'sources-differ').length,
    soleWeakSource: sole?.source && SECOND_HAND_KINDS.has(sole.source.kind) ? sole : undefined,
  };
}

/**
 * A fact as a reader who writes would quote it: the statement (with its attribution), then each source by number
 * and reader label with its verbatim quotes.
 */
export function citationText(
  fact: Fact,
  reading: Pick<CardReading, 'numberOf' | 'sources'>,
  label: (s: Source) => string,
): string {
  const lines = [fact.attribution ? `${fact.statement} (${fact.attribution})` : fact.statement];
  const quotes = new Map<string, string[]>();
  for (const e of fact.evidence) quotes.set(e.source, [...(quotes.get(e.source) ?? []), e.quote]);
  for (const [id, said] of quotes) {
    const n = reading.numberOf[id];
    const numbered = reading.sources.find((s) => s.id === id);
    const name = numbered?.source ? label(numbered.source) : id;
    lines.push(`[${n ?? '?'}] ${name}: ${[...new Set(said)].map((q) => `“${q}”`).join(' … ')}`);
  }
  return lines.join('\n');
}
