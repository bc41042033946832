import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Dossier } from '../data/schema';
import type { MentionItem } from '../lib/core/messages';
import type { Unscannable } from '../lib/core/pageAccess';
import { SearchIndex } from '../lib/core/searchIndex';
import { isPausedOn, withSitePaused, type Settings } from '../lib/core/settings';
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
        <a href="/options.html" target="_blank" rel="noopener">
          Settings and sources
        </a>
      </footer>
    </main>
  );
}
