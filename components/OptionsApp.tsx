import { useEffect, useRef, useState } from 'preact/hooks';
import type { Source } from '../data/schema';
import { formatPartialDate } from '../lib/core/partialDate';
import { parseHoverDelay, type Settings } from '../lib/core/settings';
import { SOURCE_KIND_LABEL, sourceDateNote, sourceLabel } from '../lib/core/sourceLabels';
import type { CacheStatus } from '../lib/store/cacheStatus';

export interface OptionsAppProps {
  settings: Settings;
  sources: readonly Source[];
  status: CacheStatus | undefined;
  /** One line on why settings could not be read or saved, when that happened. */
  settingsProblem?: string;
  onChange: (change: (s: Settings) => Settings) => void;
}

/** Long pasted text is quoted in the message only in part. */
function quoted(text: string): string {
  const t = text.trim();
  return `“${t.length > 24 ? `${t.slice(0, 24)}…` : t}”`;
}

/** How long typing must pause before a valid delay is saved without Enter or leaving the field. */
const SAVE_AFTER_MS = 600;

/**
 * The delay field. While the reader types it says what is wrong, if anything, and never saves an invalid
 * delay. A valid one is saved on Enter, on leaving the field, or once typing pauses; not on each
 * keystroke, where typing `1e3` would first save 1. (Saving on `pagehide` instead of the pause was tried:
 * Chromium drops a storage write made while the page unloads.) Once saved or left, the field shows the
 * saved delay, so invalid text never stays on screen looking as if it were in force, and the message says
 * what was refused.
 */
function HoverDelayField({ value, onSave }: { value: number; onSave: (ms: number) => void }) {
  const [text, setText] = useState(String(value));
  const [refused, setRefused] = useState<{ typed: string; problem: string } | undefined>();
  const [editing, setEditing] = useState(false);
  const pending = useRef<{ ms: number; timer: ReturnType<typeof setTimeout> } | undefined>(undefined);
  const cancel = () => {
    clearTimeout(pending.current?.timer);
    pending.current = undefined;
  };
  const save = () => {
    const ms = pending.current?.ms;
    cancel();
    if (ms === undefined) return;
    onSave(ms);
    setText(String(ms));
  };
  useEffect(() => cancel, []);
  // A delay saved elsewhere (another options tab) shows at once, but not over what the reader is typing.
  useEffect(() => {
    if (!editing) setText(String(value));
  }, [value, editing]);
  return (
    <div class="field">
      <label for="hover-delay">Hover delay before a card opens (milliseconds)</label>
      <input
        id="hover-delay"
        name="hoverDelayMs"
        inputMode="numeric"
        value={text}
        aria-invalid={refused && editing ? true : undefined}
        aria-describedby={refused ? 'hover-delay-problem' : undefined}
        onFocus={() => {
          setEditing(true);
          // The field shows the saved delay again (see onBlur): what was refused before is no longer in it.
          setRefused(undefined);
        }}
        onBlur={() => {
          save();
          setEditing(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') save();
        }}
        onInput={(e) => {
          const typed = (e.currentTarget as HTMLInputElement).value;
          setText(typed);
          const parsed = parseHoverDelay(typed);
          setRefused(parsed.ok ? undefined : { typed, problem: parsed.problem });
          cancel();
          if (parsed.ok) pending.current = { ms: parsed.ms, timer: setTimeout(save, SAVE_AFTER_MS) };
        }}
      />
      {refused && (
        <p id="hover-delay-problem" class="problem" role="alert">
          {editing
            ? `${refused.problem} Not saved: the delay is still ${value} ms.`
            : `${refused.typed.trim() ? quoted(refused.typed) : 'An empty delay'} was not saved. ${refused.problem} The delay stays ${value} ms.`}
        </p>
      )}
    </div>
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

export function OptionsApp({ settings, sources, status, settingsProblem, onChange }: OptionsAppProps) {
  return (
    <main class="options">
      <h1>InContext settings</h1>
      {settingsProblem && (
        <p class="settings-problem problem" role="status">
          {settingsProblem}
        </p>
      )}

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
            The dossier is cached in this extension’s IndexedDB ({status.counts.entities} entities,{' '}
            {status.counts.facts} facts, {status.counts.events} events, {status.counts.conflicts} conflicts; version{' '}
            {status.dossierHash}).
          </p>
        )}
        {status?.origin === 'memory' && (
          <p class="status-memory" data-origin="memory">
            IndexedDB could not be used, so the bundled data is served from memory. Reason:{' '}
            {plainCacheReason(status.reason ?? '')}
          </p>
        )}
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
                    {s.author ? ` (${s.author})` : ''} <small>{s.file}</small>
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
    </main>
  );
}
