import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import '../../components/extensionPage.css';
import '../../components/optionsPage.css';
// The preview paints its sample with the page's own marks.
import '../../lib/page/pageMarks.css';
import type { CacheStatus } from '../../lib/store/cacheStatus';
import type { Settings } from '../../lib/core/settings';
import { askBackground } from '../../lib/messaging';
import { readShortcuts, type Shortcut } from '../../lib/popup/commandShortcuts';
import { bundledDossier } from '../../lib/store/bundledDossier';
import { loadSettings, saveProblem, updateSettings, watchSettings } from '../../lib/settingsStore';

const app = document.getElementById('app')!;

async function main() {
  const loaded = await loadSettings();
  let settings = loaded.settings;
  let settingsProblem =
    loaded.problem && `Settings could not be read (${loaded.problem}), so the defaults are shown and used.`;
  let status: CacheStatus | undefined = undefined;
  let shortcuts: Shortcut[] | undefined = undefined;
  // A save that goes through shows storage works again (the watcher brings the stored settings); a
  // failed one is said in the same line, never left as an unhandled rejection.
  const change = (update: (s: Settings) => Settings) =>
    updateSettings(update).then(
      () => {
        settingsProblem = undefined;
        draw();
        return true;
      },
      (error: unknown) => {
        settingsProblem = saveProblem(error);
        draw();
        return false;
      },
    );
  const draw = () =>
    render(
      <OptionsApp
        settings={settings}
        sources={bundledDossier.sources}
        status={status}
        shortcuts={shortcuts}
        browserName={import.meta.env.FIREFOX ? 'firefox' : 'chrome'}
        settingsProblem={settingsProblem}
        onChange={change}
      />,
      app,
    );
  draw();
  watchSettings((next) => {
    settings = next;
    draw();
  });
  void readShortcuts().then((list) => {
    shortcuts = list;
    draw();
  });
  // The background owns the cache and knows whether it fell back to memory, and why.
  status = await askBackground({ type: 'incontext:cache-status' });
  draw();
}

void main().catch((error: unknown) => {
  app.textContent = `Settings could not load: ${error instanceof Error ? error.message : String(error)}`;
});
