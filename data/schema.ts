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

/**
 * What the document in front of us is:
 * - news-report: an outlet's own report (original reporting), even when it reaches us as a copy (`dateBasis`
 *   and `label` say so);
 * - agency-copy: an outlet's report built from a news agency's copy;
 * - rewrite: an anonymous retelling of another outlet's report;
 * - translation: a report we read in translation;
 * - forum-post: a forum member's post relaying someone else's report.
 */
export const SourceKind = v.picklist(['news-report', 'agency-copy', 'rewrite', 'translation', 'forum-post']);
/**
 * How the source's date is known:
 * - stated: the document gives its own date;
 * - forum-copy: the date is the date line of the forum page that carries a copy, not necessarily the
 *   document's own;
 * - inferred: the document is undated and is placed approximately from what it says;
 * - unknown: undated, and nothing places it.
 * `forum-copy` and `inferred` come with a `dateNote` (the data check enforces it).
 */
export const DateBasis = v.picklist(['stated', 'forum-copy', 'inferred', 'unknown']);
export const SourceSchema = v.strictObject({
  id: Id,
  /**
   * What a reader sees for this source, e.g. "Express Tribune report (forum copy, 4 Aug 2023)". Optional so
   * version-1 documents still parse (show `outlet` then); the data check requires it in the bundled dossier.
   */
  label: v.optional(NonEmpty),
  outlet: NonEmpty,
  title: NonEmpty,
  kind: SourceKind,
  author: v.optional(NonEmpty),
  /** As the document (or the page carrying it, see `dateBasis`) gives it, or 'undated'. */
  date: v.union([PartialDate, v.literal('undated')], 'date must be YYYY[-MM[-DD]] or "undated"'),
  /** Optional for version-1 documents (read as 'stated' when dated, else 'unknown'); required by the data check. */
  dateBasis: v.optional(DateBasis),
  /** For a reader: where the date comes from, or how an undated document is placed. */
  dateNote: v.optional(NonEmpty),
  /**
   * File name of the seed document, e.g. 000_da9341a51c273b19.txt. Internal: shown only behind an explicit
   * "show the document" control, never as the source's name.
   */
  file: v.pipe(v.string(), v.regex(/^[\w.-]+\.txt$/, 'file must be a seed file name ending in .txt')),
  reliability: NonEmpty,
});

/**
 * What makes an ambiguous alias mean this entity on a page (`needsCue`): `IMET` is the military programme
 * on a page about Pakistan, and the Baltimore Institute of Marine and Environmental Technology on another.
 * - entities: dossier ids whose mention anywhere on the page is a cue (held mentions count too);
 * - phrases: words that are a cue in the same block of text as the alias (case-insensitive, whole words);
 * - notPhrases: words that, in the same block, say the alias is something else: that mention is never
 *   marked, and once one is seen the alias needs a phrase in its own block for the rest of the page.
 * The entity's own full names are always a cue ("International Military Education and Training").
 */
export const CueSchema = v.strictObject({
  entities: v.optional(v.array(Id)),
  phrases: v.optional(v.array(NonEmpty)),
  notPhrases: v.optional(v.array(NonEmpty)),
});

/**
 * How an alias is matched on a page.
 * - acronym: case-sensitive (IMET never matches "iMet"; `CIS-MoA` needs an alias of its own).
 * - name: case-insensitive.
 * `afterFullName`: a surname-only form (surname, title + surname): the matcher drops it right after someone
 * else's given name ("Saleem Bajwa"), and `surname` says when the page counts it.
 * `surname` (only with `afterFullName`; default needs-full-name), the page-level rule (lib/core/mentionResolver.ts):
 * - needs-full-name: counts only on a page that also carries one of the entity's full names, before or after it
 *   (Munir, Bajwa, Shehbaz, Aurangzeb: common names, or other people's too);
 * - distinctive: counts on any page about the story without the full name (Kurilla, Pompeo, Soleimani, Trump).
 * Either way a surname alone never makes a page about the story (see EntitySchema's `tier`).
 * `needsCue`: ambiguous even as written (an acronym of several bodies, a generic phrase such as "Central
 * Command"): marked only on a page that carries one of its cues (see CueSchema). A role is never an alias
 * ("COAS", "army chief", "CENTCOM chief": the holders change).
 */
export const AliasSchema = v.pipe(
  v.strictObject({
    text: NonEmpty,
    match: v.picklist(['acronym', 'name']),
    afterFullName: v.optional(v.boolean()),
    surname: v.optional(v.picklist(['distinctive', 'needs-full-name'])),
    needsCue: v.optional(CueSchema),
  }),
  v.check((a) => a.surname === undefined || a.afterFullName === true, '`surname` is only for afterFullName aliases'),
  v.check((a) => a.needsCue === undefined || a.afterFullName !== true, 'a surname-only form cannot also need a cue'),
);

export const EntityKind = v.picklist(['agreement', 'programme', 'person', 'organisation', 'outlet']);
export const Tier = v.picklist(['core', 'related', 'context']);
export const EntitySchema = v.strictObject({
  id: Id,
  name: NonEmpty,
  kind: EntityKind,
  /**
   * Which mentions make a page "about the story", and so the tier switches in the settings:
   * - core: the agreements; a mention opens the page (an alias with `needsCue` only once cued);
   * - related: the story's own people (Asim Munir, Kurilla, Bajwa); their full names open the page;
   * - context: organisations, outlets and widely known names (CENTCOM, the IRGC, Trump): marked only on a page
   *   that a core or related mention opened, never opening one (one CENTCOM in a Yemen strike report is not
   *   the story). The pre-test (lib/core/anchorFilter.ts) relies on this: only core and related anchors open
   *   its gate, and a page whose anchors are all context-tier is set aside until a core or related mention.
   */
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
  quote: v.pipe(
    v.string(),
    v.minLength(8, 'quote is too short to be evidence'),
    v.maxLength(300, 'quote must be at most 300 characters'),
  ),
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

/**
 * - sources-differ: at least two sources take different positions;
 * - single-source: a claim only one source makes (every position from that source);
 * - self-contradiction: one source says two incompatible things (at least two positions from it).
 */
export const ConflictType = v.picklist(['sources-differ', 'single-source', 'self-contradiction']);
export const ConflictSchema = v.strictObject({
  id: Id,
  /** Optional so version-1 documents still parse (read as 'sources-differ'); required by the data check. */
  type: v.optional(ConflictType),
  entities: v.pipe(v.array(Id), v.minLength(1)),
  /** What the sources differ on, in the project's own words. */
  topic: NonEmpty,
  positions: v.pipe(
    v.array(v.strictObject({ source: Id, says: NonEmpty, quote: EvidenceSchema.entries.quote })),
    v.minLength(1, 'a conflict lists at least one position'),
  ),
  note: v.optional(NonEmpty),
});

/**
 * 2: sources carry `label`, `dateBasis` (and `dateNote`), conflicts carry `type`. Version 1 (without them)
 * still parses, so an older cached copy or user pack is readable; the bundled dossier is version 2.
 */
export const DossierVersion = v.picklist([1, 2]);
export const DossierSchema = v.strictObject({
  version: DossierVersion,
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
export type ConflictType = v.InferOutput<typeof ConflictType>;
export type DateBasis = v.InferOutput<typeof DateBasis>;
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
