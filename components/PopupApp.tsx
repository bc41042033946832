import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Dossier } from '../data/schema';
import type { MentionItem } from '../lib/core/messages';
import type { Unscannable } from '../lib/core/pageAccess';
import { SearchIndex } from '../lib/core/searchIndex';
import { isPausedOn, withSitePaused, type Settings } from '../lib/core/settings';
import type { Shortcut } from '../lib/popup/commandShortcuts';
import { OnThisPage } from './OnThisPage';
import { SearchPanel } from './SearchPanel';

export type PageState =
  | { kind: 'loading' }
  | { kind: 'ok'; host: string; mentions: MentionItem[] }
  | { kind: 'paused'; host: string }
  | { kind: 'unscannable'; host?: string; problem: Unscannable };

export interface PopupAppProps {
  dossier: Dossier;
  page: PageState;
  settings: Settings;
  /** One line on why settings could not be read or saved, when that happened. */
  settingsProblem?: string;
  /** The extension's keyboard commands (undefined until read): one line names them. */
  shortcuts?: readonly Shortcut[];
  onChooseEntity: (entityId: string) => void;
  onPauseSite: (host: string, paused: boolean) => void;
  onPauseEverywhere: (paused: boolean) => void;
  onRequestAccess: () => void;
}

export function PopupApp(props: PopupAppProps) {
  const { dossier, page, settings } = props;
  const index = useMemo(() => new SearchIndex(dossier), [dossier]);
  const onPage = useMemo(() => new Set(page.kind === 'ok' ? page.mentions.map((m) => m.entityId) : []), [page]);
  const host =
    page.kind === 'ok' || page.kind === 'paused' ? page.host : page.kind === 'unscannable' ? page.host : undefined;
  const [now, setNow] = useState(settings);
  useEffect(() => setNow(settings), [settings]);

  // Under the search box, compact (see OnThisPage), so that results show in the popup's first view.
  const pagePanel = (
    <section class="page-panel" aria-label="This page">
      <div class="page-panel-head">
        <h2>On this page</h2>
        {host && !now.pausedEverywhere && (page.kind === 'ok' || page.kind === 'paused') && (
          <button
            type="button"
            class="pause-site"
            onClick={() => {
              const paused = !isPausedOn(now, host);
              setNow(withSitePaused(now, host, paused));
              props.onPauseSite(host, paused);
            }}
          >
            {isPausedOn(now, host) ? `Resume on ${host}` : `Pause on ${host}`}
          </button>
        )}
      </div>
      {page.kind === 'loading' && <p class="muted">Reading this page…</p>}
      {page.kind === 'ok' && <OnThisPage mentions={page.mentions} onChoose={props.onChooseEntity} />}
      {page.kind === 'paused' && (
        <p class="muted">
          {now.pausedEverywhere ? 'InContext is paused everywhere.' : `InContext is paused on ${page.host}.`}
        </p>
      )}
      {page.kind === 'unscannable' && (
        <div class="unscannable" role="status">
          <p>{page.problem.reason}</p>
          {page.problem.fix && <p class="muted">{page.problem.fix}</p>}
          {page.problem.canRequestAccess && (
            <button type="button" onClick={props.onRequestAccess}>
              Allow on this site
            </button>
          )}
        </div>
      )}
    </section>
  );

  return (
    <main class="popup">
      <header class="popup-head">
        <h1>InContext</h1>
        <label class="toggle">
          <input
            type="checkbox"
            checked={now.pausedEverywhere}
            onChange={(e) => {
              // Shown at once; storage confirms a moment later through the settings watcher.
              const paused = (e.currentTarget as HTMLInputElement).checked;
              setNow({ ...now, pausedEverywhere: paused });
              props.onPauseEverywhere(paused);
            }}
          />
          Pause everywhere
        </label>
      </header>
      {props.settingsProblem && (
        <p class="settings-problem problem" role="status">
          {props.settingsProblem}
        </p>
      )}

      <SearchPanel
        index={index}
        dossier={dossier}
        onPage={onPage}
        onOpenEntity={props.onChooseEntity}
        beforeResults={pagePanel}
      />
      <footer class="popup-foot">
        <ShortcutLine shortcuts={props.shortcuts} />
        <a href="/options.html" target="_blank" rel="noopener">
          Settings and sources
        </a>
      </footer>
    </main>
  );
}

const COMMAND_WORDS: [name: string, words: string][] = [
  ['next-mention', 'next mention'],
  ['previous-mention', 'previous'],
];

/**
 * The mention shortcuts in one line, so a reader learns the card can be reached without a mouse; the full list
 * (and how to change the keys) is on the options page. A browser may leave a command without keys (Chromium does
 * when another extension holds them): the line says so rather than leaving the command out.
 */
function ShortcutLine({ shortcuts }: { shortcuts: readonly Shortcut[] | undefined }) {
  if (!shortcuts) return null;
  const keys = new Map(shortcuts.map((s) => [s.name, s.shortcut]));
  return (
    <p class="popup-keys muted">
      Keys:{' '}
      {COMMAND_WORDS.filter(([name]) => keys.has(name)).map(([name, words]) => (
        <span key={name} data-command={name}>
          {keys.get(name) ? <kbd>{keys.get(name)}</kbd> : 'no key set for'} {words} ·{' '}
        </span>
      ))}
      <kbd>Esc</kbd> close the card ·{' '}
      <a href="/options.html#keys-h" target="_blank" rel="noopener">
        all shortcuts
      </a>
    </p>
  );
}
