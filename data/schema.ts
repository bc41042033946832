/**
 * The dossier's shape, checked at run time with valibot so a malformed bundle or user pack fails with a
 * precise message instead of a half-rendered card. Types are inferred from the schemas: one definition.
 */
import * as v from 'valibot';

const Id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case words joined by hyphens'));
const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));

/** YYYY, YYYY-MM or YYYY-MM-DD: the precision is the length. */
export const DatePattern = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
const PartialDate = v.pipe(v.string(), v.regex(DatePattern, 'dates are YYYY, YYYY-MM or YYYY-MM-DD'));

export const SourceKind = v.picklist(['news-report', 'rewrite', 'translation', 'forum-post']);
export const SourceSchema = v.strictObject({
  id: Id,
  outlet: NonEmpty,
  title: NonEmpty,
  kind: SourceKind,
  author: v.optional(NonEmpty),
  /** As the document gives it, or 'undated'. */
  date: v.union([PartialDate, v.literal('undated')], 'date must be YYYY[-MM[-DD]] or "undated"'),
  /** File name of the seed document, e.g. 000_da9341a51c273b19.txt */
  file: v.pipe(v.string(), v.regex(/^[\w.-]+\.txt$/, 'file must be a seed file name ending in .txt')),
  reliability: NonEmpty,
});

/**
 * How an alias is matched on a page.
 * - acronym: case-sensitive (IMET never matches "iMet").
 * - name: case-insensitive.
 * `afterFullName`: only safe once one of the entity's non-`afterFullName` aliases already occurred on the page
 * (surnames, title + surname forms).
 */
export const AliasSchema = v.strictObject({
  text: NonEmpty,
  match: v.picklist(['acronym', 'name']),
  afterFullName: v.optional(v.boolean()),
});

export const EntityKind = v.picklist(['agreement', 'programme', 'person', 'organisation', 'outlet']);
export const Tier = v.picklist(['core', 'related', 'context']);
export const EntitySchema = v.strictObject({
  id: Id,
  name: NonEmpty,
  kind: EntityKind,
  /** core: the agreements; related: specific to this story; context: well-known names, marked only beside core/related ones. */
  tier: Tier,
  description: NonEmpty,
  related: v.array(Id),
  aliases: v.pipe(v.array(AliasSchema), v.minLength(1, 'an entity needs at least one alias')),
  /** Longer names that contain an alias but are someone else ("Munir Akram" is not Asim Munir). */
  falseFriends: v.optional(v.array(NonEmpty)),
});

export const EvidenceSchema = v.strictObject({
  source: Id,
  /** Verbatim from the seed file (whitespace-normalised), at most 300 characters. */
  quote: v.pipe(v.string(), v.minLength(8, 'quote is too short to be evidence'), v.maxLength(300, 'quote must be at most 300 characters')),
});

export const FactSchema = v.strictObject({
  id: Id,
  entities: v.pipe(v.array(Id), v.minLength(1, 'a fact names at least one entity')),
  /** In the project's own words. */
  statement: NonEmpty,
  evidence: v.pipe(v.array(EvidenceSchema), v.minLength(1, 'a fact needs at least one source')),
  /** Set when the source only reports a claim: "according to official sources quoted by …". */
  attribution: v.optional(NonEmpty),
});

export const EventSchema = v.strictObject({
  id: Id,
  date: PartialDate,
  label: NonEmpty,
  entities: v.pipe(v.array(Id), v.minLength(1, 'an event names at least one entity')),
  evidence: v.pipe(v.array(EvidenceSchema), v.minLength(1, 'an event needs at least one source')),
  /** How the date was worked out when no source states it outright. */
  inferred: v.optional(NonEmpty),
});

export const ConflictSchema = v.strictObject({
  id: Id,
  entities: v.pipe(v.array(Id), v.minLength(1)),
  /** What the sources differ on, in the project's own words. */
  topic: NonEmpty,
  positions: v.pipe(
    v.array(v.strictObject({ source: Id, says: NonEmpty, quote: EvidenceSchema.entries.quote })),
    v.minLength(1, 'a conflict lists at least one position'),
  ),
  note: v.optional(NonEmpty),
});

export const DossierSchema = v.strictObject({
  version: v.literal(1),
  sources: v.array(SourceSchema),
  entities: v.array(EntitySchema),
  facts: v.array(FactSchema),
  events: v.array(EventSchema),
  conflicts: v.array(ConflictSchema),
});

export type Source = v.InferOutput<typeof SourceSchema>;
export type Alias = v.InferOutput<typeof AliasSchema>;
export type Entity = v.InferOutput<typeof EntitySchema>;
export type Evidence = v.InferOutput<typeof EvidenceSchema>;
export type Fact = v.InferOutput<typeof FactSchema>;
export type TimelineEvent = v.InferOutput<typeof EventSchema>;
export type Conflict = v.InferOutput<typeof ConflictSchema>;
export type Dossier = v.InferOutput<typeof DossierSchema>;

/** Parses unknown JSON into a Dossier, or returns readable messages with the path of each problem. */
export function parseDossier(input: unknown): { ok: true; dossier: Dossier } | { ok: false; errors: string[] } {
  const result = v.safeParse(DossierSchema, input);
  if (result.success) return { ok: true, dossier: result.output };
  return {
    ok: false,
    errors: result.issues.map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    }),
  };
}
