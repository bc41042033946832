import { useEffect, useState } from 'preact/hooks';
import type { Source } from '../data/schema';
import type { CacheStatus } from '../lib/core/messages';
import { formatPartialDate } from '../lib/core/partialDate';
import { HOVER_DELAY_RANGE, type Settings } from '../lib/core/settings';

const KIND_LABEL: Record<Source['kind'], string> = {
  'news-report': 'News report',
  rewrite: 'Rewrite',
  translation: 'Translation',
  'forum-post': 'Forum post',
};

export interface OptionsAppProps {
  settings: Settings;
  sources: readonly Source[];
  status: CacheStatus | undefined;
  onChange: (change: (s: Settings) => Settings) => void;
}

/** The delay field keeps what the reader typed and says what is wrong, saving only valid values. */
function HoverDelayField({ value, onSave }: { value: number; onSave: (ms: number) => void }) {
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => setText(String(value)), [value]);
  return (
    <div class="field">
      <label for="hover-delay">Hover delay before a card opens (milliseconds)</label>
      <input
        id="hover-delay"
        name="hoverDelayMs"
        inputMode="numeric"
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'hover-delay-problem' : undefined}
        onInput={(e) => {
          const typed = (e.currentTarget as HTMLInputElement).value;
          setText(typed);
          const ms = Number(typed.trim());
          if (typed.trim() === '' || !Number.isInteger(ms)) {
            setProblem('Enter a whole number of milliseconds, for example 200.');
          } else if (ms < HOVER_DELAY_RANGE.min || ms > HOVER_DELAY_RANGE.max) {
            setProblem(`Choose a delay between ${HOVER_DELAY_RANGE.min} and ${HOVER_DELAY_RANGE.max} ms; the saved delay is still ${value} ms.`);
          } else {
            setProblem(undefined);
            onSave(ms);
          }
        }}
      />
      {problem && (
        <p id="hover-delay-problem" class="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

export function OptionsApp({ settings, sources, status, onChange }: OptionsAppProps) {
  return (
    <main class="options">
      <h1>InContext settings</h1>

      <section aria-labelledby="settings-h">
        <h2 id="settings-h">Marking and cards</h2>
        <HoverDelayField value={settings.hoverDelayMs} onSave={(ms) => onChange((s) => ({ ...s, hoverDelayMs: ms }))} />
        <fieldset>
          <legend>Mark these on pages</legend>
          {(
            [
              ['core', 'The agreements (CIS-MOA, IMET)'],
              ['related', 'People and bodies of this story'],
              ['context', 'Widely known names (only beside the above)'],
            ] as const
          ).map(([tier, label]) => (
            <label key={tier}>
              <input
                type="checkbox"
                name={`tier-${tier}`}
                checked={settings.tiers[tier]}
                onChange={(e) => {
                  const checked = (e.currentTarget as HTMLInputElement).checked;
                  onChange((s) => ({ ...s, tiers: { ...s.tiers, [tier]: checked } }));
                }}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Highlight style</legend>
          {(['underline', 'tint'] as const).map((style) => (
            <label key={style}>
              <input
                type="radio"
                name="highlightStyle"
                value={style}
                checked={settings.highlightStyle === style}
                onChange={() => onChange((s) => ({ ...s, highlightStyle: style }))}
              />{' '}
              {style === 'underline' ? 'Underline' : 'Tint'}
            </label>
          ))}
        </fieldset>
        {settings.pausedSites.length > 0 && (
          <p>
            Paused on: {settings.pausedSites.join(', ')}{' '}
            <button type="button" onClick={() => onChange((s) => ({ ...s, pausedSites: [] }))}>
              Resume everywhere
            </button>
          </p>
        )}
      </section>

      <section aria-labelledby="cache-h">
        <h2 id="cache-h">Cache status</h2>
        {!status && <p>Checking…</p>}
        {status?.origin === 'indexeddb' && (
          <p class="status-indexeddb" data-origin="indexeddb">
            The dossier is cached in this extension’s IndexedDB ({status.counts.entities} entities, {status.counts.facts} facts, {status.counts.events} events,{' '}
            {status.counts.conflicts} conflicts; version {status.dossierHash}).
          </p>
        )}
        {status?.origin === 'memory' && (
          <p class="status-memory" data-origin="memory">
            IndexedDB could not be used, so the bundled data is served from memory. Reason: {status.reason}
          </p>
        )}
      </section>

      <section aria-labelledby="about-h">
        <h2 id="about-h">About the data</h2>
        <p>
          Every fact comes from one of these documents, with a short verbatim quote. Forum comments are not used as facts. Where the sources disagree, the card
          shows both.
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
                  {s.outlet}: {s.title}
                  {s.author ? ` (${s.author})` : ''}
                  <br />
                  <small>{s.file}</small>
                </td>
                <td>{KIND_LABEL[s.kind]}</td>
                <td>{s.date === 'undated' ? 'Undated' : formatPartialDate(s.date)}</td>
                <td>{s.reliability}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
