import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Source } from '../data/schema';
import { formatPartialDate } from '../lib/core/partialDate';
import { parseSiteInput, withSitePaused, type HoverDelay, type Settings } from '../lib/core/settings';
import { SOURCE_KIND_LABEL, sourceDateNote, sourceLabel } from '../lib/core/sourceLabels';
import { HighlightPainter } from '../lib/page/highlightPainter';
import type { Shortcut } from '../lib/popup/commandShortcuts';
import type { CacheStatus } from '../lib/store/cacheStatus';

export interface OptionsAppProps {
  settings: Settings;
  sources: readonly Source[];
  status: CacheStatus | undefined;
  /** The extension's commands; undefined while they are being read. */
  shortcuts: readonly Shortcut[] | undefined;
  /** Where the reader changes shortcuts differs between the browsers. */
  browserName: 'chrome' | 'firefox';
  /** One line on why settings could not be read or saved, when that happened. */
  settingsProblem?: string;
  /** Saves a change (queued read-modify-write); resolves to whether it was saved. */
  onChange: (change: (s: Settings) => Settings) => Promise<boolean>;
}

const DELAY_CHOICES: [HoverDelay, string, string][] = [
  ['quick', 'Quick', 'a quarter of a second'],
  ['normal', 'Normal', 'just under half a second, like Wikipedia’s page previews'],
  ['slow', 'Slow', 'almost a second, for a steady read without cards in the way'],
];

const TIER_CHOICES = [
  ['core', 'The agreements (CIS-MOA, IMET)'],
  ['related', 'People and bodies of this story'],
  ['context', 'Widely known names (only beside the above), marked fainter'],
] as const;

type Tier = (typeof TIER_CHOICES)[number][0];

/**
 * The preview's sample: text, and marked names with their entity and tier. It asserts nothing about anyone; it only
 * repeats two names so that "first mention only" shows a difference.
 */
const SAMPLE: (string | [text: string, entityId: string, tier: Tier])[] = [
  'Reports on the ',
  ['CIS-MOA', 'cis-moa', 'core'],
  ' often also name ',
  ['IMET', 'imet', 'core'],
  ', ',
  ['Asim Munir', 'asim-munir', 'related'],
  ' and ',
  ['US Central Command', 'centcom', 'context'],
  '; further on, ',
  ['General Munir', 'asim-munir', 'related'],
  ' and the ',
  ['CIS-MOA', 'cis-moa', 'core'],
  ' come up again.',
];

/**
 * The sample sentence painted by the page's own painter and stylesheet (lib/page/pageMarks.css, imported by the
 * options entrypoint): what a reader sees here is what pages get, tiers, style and first-mention rule included.
 */
function MarkPreview({ settings }: { settings: Settings }) {
  const text = useRef<HTMLParagraphElement>(null);
  const { highlightStyle, firstMentionOnly, tiers } = settings;
  useEffect(() => {
    const p = text.current;
    if (!p) return;
    const painter = new HighlightPainter(highlightStyle, { firstMentionOnly });
    for (const el of p.querySelectorAll<HTMLElement>('[data-entity]')) {
      const tier = el.dataset.tier as Tier;
      if (!tiers[tier]) continue;
      const node = el.firstChild as Text;
      const range = new StaticRange({
        startContainer: node,
        startOffset: 0,
        endContainer: node,
        endOffset: node.length,
      });
      painter.add(range, { entityId: el.dataset.entity!, faint: tier === 'context' });
    }
    painter.flush();
    return () => painter.dispose();
  }, [highlightStyle, firstMentionOnly, tiers.core, tiers.related, tiers.context]);
  return (
    <figure class="mark-preview">
      <figcaption>Preview</figcaption>
      <p ref={text} class="mark-sample">
        {SAMPLE.map((part) =>
          typeof part === 'string' ? (
            part
          ) : (
            <span data-entity={part[1]} data-tier={part[2]}>
              {part[0]}
            </span>
          ),
        )}
      </p>
    </figure>
  );
}

/** `Alt+Shift+N` as keys; a shortcut written without `+` (macOS writes `⌥⇧N`) stays one key cap. */
function Keys({ shortcut }: { shortcut: string }) {
  const keys = shortcut.split('+');
  return (
    <span class="keys">
      {keys.map((key, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

function ShortcutList({ shortcuts, browserName }: Pick<OptionsAppProps, 'shortcuts' | 'browserName'>) {
  return (
    <>
      {!shortcuts && <p>Reading the shortcuts…</p>}
      {shortcuts && (
        <dl class="shortcuts">
          {shortcuts.map((s) => (
            <div key={s.name} data-command={s.name}>
              <dt>{s.shortcut ? <Keys shortcut={s.shortcut} /> : <span class="muted">Not set</span>}</dt>
              <dd>{s.description}</dd>
            </div>
          ))}
          <div data-command="close-card">
            <dt>
              <Keys shortcut="Esc" />
            </dt>
            <dd>Close the open card and go back to where you were</dd>
          </div>
        </dl>
      )}
      <p class="muted">
        {browserName === 'firefox'
          ? 'To change them, open about:addons, choose the gear menu, then “Manage Extension Shortcuts”.'
          : 'To change them, open chrome://extensions/shortcuts in a new tab.'}
      </p>
    </>
  );
}

/**
 * The paused sites, each with its own remove button, and a field to pause one more. What was typed stays in the
 * field until it is saved: a wrong address or a failed save costs nothing but the message.
 */
function PausedSites({ settings, onChange }: Pick<OptionsAppProps, 'settings' | 'onChange'>) {
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const sites = settings.pausedSites;
  const resume = (site: string) => void onChange((s) => withSitePaused(s, site, false));
  return (
    <>
      {settings.pausedEverywhere && (
        <p class="paused-everywhere">
          InContext is paused everywhere.{' '}
          <button type="button" onClick={() => void onChange((s) => ({ ...s, pausedEverywhere: false }))}>
            Resume everywhere
          </button>
        </p>
      )}
      {sites.length === 0 ? (
        <p class="muted">Not paused on any site. You can pause a site from the toolbar button while you are on it.</p>
      ) : (
        <ul class="paused-sites">
          {sites.map((site) => (
            <li key={site}>
              <span class="site">{site}</span>
              <button type="button" aria-label={`Remove ${site}`} onClick={() => resume(site)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="add-site"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = parseSiteInput(typed);
          if (!parsed.ok) {
            setProblem(parsed.problem);
            return;
          }
          setProblem(undefined);
          void onChange((s) => withSitePaused(s, parsed.host, true)).then((saved) => saved && setTyped(''));
        }}
      >
        <label for="pause-site">Pause on another site</label>
        <span class="add-site-row">
          <input
            id="pause-site"
            name="pauseSite"
            autocomplete="off"
            spellcheck={false}
            placeholder="www.example.com"
            value={typed}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'pause-site-problem' : undefined}
            onInput={(e) => {
              setTyped((e.currentTarget as HTMLInputElement).value);
              setProblem(undefined);
            }}
          />
          <button type="submit">Pause</button>
        </span>
        {problem && (
          <p id="pause-site-problem" class="problem" role="alert">
            {problem}
          </p>
        )}
      </form>
    </>
  );
}

/**
 * Dexie's errors carry their cause's name and message again (`InvalidStateError: A mutation… \n
 * InvalidStateError: A mutation… (InvalidStateError: A mutation…)`): keep each distinct message once, and
 * the most specific error name once at the end.
 */
export function plainCacheReason(reason: string): string {
  const names: string[] = [];
  const errorName = /\b((?:[A-Z][A-Za-z]*)?(?:Error|Exception))\b:?\s*/g;
  const withoutNames = reason.replace(errorName, (_, name: string) => {
    names.push(name);
    return '\n';
  });
  const messages: string[] = [];
  for (const piece of withoutNames.split(/[\n()]+/)) {
    const message = piece.trim();
    if (!message || messages.some((m) => m.includes(message))) continue;
    for (let i = messages.length - 1; i >= 0; i--) if (message.includes(messages[i]!)) messages.splice(i, 1);
    messages.push(message);
  }
  const name = names.filter((n) => n !== 'Error').at(-1);
  const text = messages.join(' ') || 'no reason was given.';
  return name ? `${text} (${name})` : text;
}

export function OptionsApp(props: OptionsAppProps) {
  const { settings, sources, status, settingsProblem, onChange } = props;
  return (
    <main class="options">
      <h1>InContext settings</h1>
      {settingsProblem && (
        <p class="settings-problem problem" role="status">
          {settingsProblem}
        </p>
      )}

      <section aria-labelledby="marks-h">
        <h2 id="marks-h">Marks on pages</h2>
        <fieldset>
          <legend>Mark these</legend>
          {TIER_CHOICES.map(([tier, label]) => (
            <label key={tier}>
              <input
                type="checkbox"
                name={`tier-${tier}`}
                checked={settings.tiers[tier]}
                onChange={(e) => {
                  const checked = (e.currentTarget as HTMLInputElement).checked;
                  void onChange((s) => ({ ...s, tiers: { ...s.tiers, [tier]: checked } }));
                }}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Mark style</legend>
          {(
            [
              ['underline', 'Dotted underline'],
              ['tint', 'Tint'],
            ] as const
          ).map(([style, label]) => (
            <label key={style}>
              <input
                type="radio"
                name="highlightStyle"
                value={style}
                checked={settings.highlightStyle === style}
                onChange={() => void onChange((s) => ({ ...s, highlightStyle: style }))}
              />{' '}
              {label}
            </label>
          ))}
          <label class="first-mention">
            <input
              type="checkbox"
              name="firstMentionOnly"
              checked={settings.firstMentionOnly}
              onChange={(e) => {
                const checked = (e.currentTarget as HTMLInputElement).checked;
                void onChange((s) => ({ ...s, firstMentionOnly: checked }));
              }}
            />{' '}
            Mark only the first mention of each name in a paragraph
          </label>
        </fieldset>
        <MarkPreview settings={settings} />
      </section>

      <section aria-labelledby="cards-h">
        <h2 id="cards-h">Cards</h2>
        <fieldset>
          <legend>Open a card when the pointer rests on a mark</legend>
          {DELAY_CHOICES.map(([delay, label, hint]) => (
            <label key={delay}>
              <input
                type="radio"
                name="hoverDelay"
                value={delay}
                checked={settings.hoverDelay === delay}
                onChange={() => void onChange((s) => ({ ...s, hoverDelay: delay }))}
              />{' '}
              {label} <span class="muted">({hint})</span>
            </label>
          ))}
        </fieldset>
      </section>

      <section aria-labelledby="keys-h">
        <h2 id="keys-h">Keyboard shortcuts</h2>
        <ShortcutList shortcuts={props.shortcuts} browserName={props.browserName} />
      </section>

      <section aria-labelledby="paused-h">
        <h2 id="paused-h">Paused sites</h2>
        <PausedSites settings={settings} onChange={onChange} />
      </section>

      <section aria-labelledby="about-h">
        <h2 id="about-h">About the data</h2>
        <p>
          Every fact comes from one of these documents, with a short verbatim quote. Forum comments are not used as
          facts. Where the sources disagree, the card shows both.
        </p>
        <table class="sources">
          <thead>
            <tr>
              <th>Source</th>
              <th>Kind</th>
              <th>Date</th>
              <th>Reliability</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.id} data-source-id={s.id}>
                <td>
                  {sourceLabel(s)}
                  <details class="document">
                    <summary>Show the document</summary>
                    {s.title}
                    {s.author ? ` (${s.author})` : ''}
                  </details>
                </td>
                <td>{SOURCE_KIND_LABEL[s.kind]}</td>
                <td>
                  {s.date === 'undated' ? 'Undated' : formatPartialDate(s.date)}
                  {sourceDateNote(s) && <small class="date-note">{sourceDateNote(s)}</small>}
                </td>
                <td>{s.reliability}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <details class="diagnostics">
        <summary>Diagnostics</summary>
        <p class="muted">Details for reporting a problem; nothing here needs changing.</p>
        <h3>Cache</h3>
        {!status && <p>Checking…</p>}
        {status?.origin === 'indexeddb' && (
          <p class="status-indexeddb" data-origin="indexeddb">
            The dossier is cached in this extension’s IndexedDB ({status.counts.entities} entities,{' '}
            {status.counts.facts} facts, {status.counts.events} events, {status.counts.conflicts} conflicts; version{' '}
            <code>{status.dossierHash}</code>).
          </p>
        )}
        {status?.origin === 'memory' && (
          <p class="status-memory" data-origin="memory">
            IndexedDB could not be used, so the bundled data is served from memory. Reason:{' '}
            {plainCacheReason(status.reason ?? '')}
          </p>
        )}
        <h3>Source files</h3>
        <ul class="source-files">
          {sources.map((s) => (
            <li key={s.id}>
              {s.id}: <code>{s.file}</code>
            </li>
          ))}
        </ul>
      </details>
    </main>
  );
}
