import { render } from 'preact';
import { browser } from 'wxt/browser';
import { EntityPage } from '../../components/EntityPage';
import { PopupApp } from '../../components/PopupApp';
import '../../components/extensionPage.css';
import { withSitePaused, type Settings } from '../../lib/core/settings';
import { askTab } from '../../lib/messaging';
import { readShortcuts, type Shortcut } from '../../lib/popup/commandShortcuts';
import { readTabPage } from '../../lib/popup/tabPage';
import { bundledDossier, bundledDossierHash } from '../../lib/store/bundledDossier';
import { DossierStore } from '../../lib/store/dossierStore';
import { loadSettings, saveProblem, updateSettings, watchSettings } from '../../lib/settingsStore';

const params = new URLSearchParams(location.search);
const app = document.getElementById('app')!;

async function main() {
  // An extension page: it may open the IndexedDB cache itself (extension origin), like the background.
  const store = new DossierStore(bundledDossier, bundledDossierHash);
  // `?entity=<id>`: the "everything about" page a card's "search all facts" opens in a tab of its own. It is about
  // the entity, not about a tab, so it reads no tab and shows no settings.
  const entityId = params.get('entity');
  if (entityId) {
    const { dossier } = await store.everything();
    document.documentElement.classList.add('about-page');
    render(<EntityPage dossier={dossier} entityId={entityId} />, app);
    return;
  }
  const [loaded, { dossier }] = await Promise.all([loadSettings(), store.everything()]);
  let settings = loaded.settings;
  let settingsProblem = loaded.problem && `Settings could not be read (${loaded.problem}); using the defaults.`;
  let page = await readTabPage(settings, params);
  let shortcuts: Shortcut[] | undefined = undefined;

  // The toggles show their new state at once; if the save fails, say so and show the settings in force again.
  const change = (update: (s: Settings) => Settings) =>
    void updateSettings(update).then(
      () => {
        settingsProblem = undefined;
        draw();
      },
      (error: unknown) => {
        settingsProblem = saveProblem(error);
        settings = { ...settings };
        draw();
      },
    );

  const draw = () =>
    render(
      <PopupApp
        dossier={dossier}
        page={page.state}
        settings={settings}
        settingsProblem={settingsProblem}
        shortcuts={shortcuts}
        onChooseEntity={(entityId) => {
          if (page.tabId === undefined) return;
          void askTab(page.tabId, { type: 'incontext:focus-mention', direction: 'next', entityId }).then(() => {
            if (!params.has('tab')) window.close();
          });
        }}
        onPauseSite={(host, paused) => change((s) => withSitePaused(s, host, paused))}
        onPauseEverywhere={(paused) => change((s) => ({ ...s, pausedEverywhere: paused }))}
        onRequestAccess={() => {
          if (!page.url) return;
          void browser.permissions.request({ origins: [`${new URL(page.url).origin}/*`] });
        }}
      />,
      app,
    );

  draw();
  void readShortcuts().then((list) => {
    shortcuts = list;
    draw();
  });
  watchSettings(async (next) => {
    settings = next;
    // The content script applies the change itself; give it a moment, then re-read what it shows.
    draw();
    await new Promise((r) => setTimeout(r, 150));
    page = await readTabPage(settings, params);
    draw();
  });
}

void main().catch((error: unknown) => {
  app.textContent = `InContext could not start: ${error instanceof Error ? error.message : String(error)}`;
});
