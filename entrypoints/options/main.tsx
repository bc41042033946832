import { render } from 'preact';
import { OptionsApp } from '../../components/OptionsApp';
import '../../components/extensionPage.css';
import type { CacheStatus } from '../../lib/core/messages';
import { askBackground } from '../../lib/messaging';
import { bundledDossier } from '../../lib/store/bundledDossier';
import { readSettings, watchSettings } from '../../lib/settingsStore';
import { updateSettings } from '../../lib/settingsWriter';

const app = document.getElementById('app')!;

async function main() {
  let settings = await readSettings();
  let status: CacheStatus | undefined;
  const draw = () =>
    render(
      <OptionsApp settings={settings} sources={bundledDossier.sources} status={status} onChange={(change) => void updateSettings(change)} />,
      app,
    );
  draw();
  watchSettings((next) => {
    settings = next;
    draw();
  });
  // The background owns the cache and knows whether it fell back to memory, and why.
  status = await askBackground({ type: 'incontext:cache-status' });
  draw();
}

void main().catch((error: unknown) => {
  app.textContent = `Settings could not load: ${error instanceof Error ? error.message : String(error)}`;
});
