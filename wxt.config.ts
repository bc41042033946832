import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { builtInGatePlugin } from './lib/build/builtInGate';

// One config for both browsers. Firefox is built as MV3 too (`wxt build -b firefox --mv3`), so both
// browsers run the same event-driven background and the same permission model.
export default defineConfig({
  // Explicit imports everywhere: a reader can see where `browser` or `defineContentScript` come from.
  imports: false,
  // `wxt/browser` becomes Mozilla's webextension-polyfill (the stack asked for it): one promise-based `browser` in
  // both browsers, whose API calls fail with the same errors, instead of WXT's `globalThis.browser ?? chrome`.
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/auto-icons'],
  // Every icon size is derived at build time from one drawing, assets/icon.svg; the module writes icons/<size>.png
  // and the manifest's `icons`. `wxt dev` builds get a grey icon so they are not mistaken for a release.
  autoIcons: { baseIconPath: 'assets/icon.svg' },
  // The page script's built-in gate, made from the bundled dossier at build time (lib/build/builtInGate.ts).
  vite: () => ({ plugins: [builtInGatePlugin()] }),
  manifest: ({ browser }) => ({
    name: 'InContext',
    description:
      'Marks mentions of CIS-MOA, IMET and the people around them on news pages; hover for a sourced fact sheet and timeline.',
    // storage: settings (pause, hover delay, tiers). scripting: the card's UI is injected only into pages
    // that have mentions, which keeps the script that runs on every page small. activeTab: when the reader
    // opens the popup on a site whose access they withdrew (Firefox allows that per site), the popup can
    // still see the address and offer to grant access again. Host access to http(s) pages is what the
    // content script needs anyway (its match patterns ask for the same); declaring it also lets the
    // background inject the card UI. The dossier ships inside the extension: no network is used.
    permissions: ['storage', 'scripting', 'activeTab'],
    host_permissions: ['http://*/*', 'https://*/*'],
    // The page script is declared here, not as a WXT content script: WXT's wrapper announces every start to the
    // page (see lib/page/pageLifetime.ts). Its CSS only styles the ::highlight() marks.
    // all_frames: text in frames on the page's own origin is marked too; the script leaves every other frame at its
    // first line (entrypoints/page-script.ts). Not match_about_blank: news pages hold many script-made about:blank ad
    // frames of their own origin, and each would pay for a second copy of the script (it doubled the start-up cost on
    // yahoo-2); srcdoc frames, the rare article embed among them, get the script on demand (incontext:inject-frames).
    content_scripts: [
      {
        matches: ['http://*/*', 'https://*/*'],
        js: ['page-script.js'],
        css: ['page-marks.css'],
        run_at: 'document_idle',
        all_frames: true,
      },
    ],
    action: { default_title: 'InContext', default_icon: { 16: '/icons/16.png', 32: '/icons/32.png' } },
    commands: {
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next mention and open its card',
      },
      'previous-mention': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Go to the previous mention and open its card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'incontext@incontext.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Installable on Firefox for Android too: its MV3 (scripting, storage.session, the event page) is there
            // well before 142, and 142 is the first Android release that reads data_collection_permissions.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // The marks' stylesheet has one source, lib/page/pageMarks.css: shipped here for the manifest, imported by the
    // painter for shadow roots.
    'build:publicAssets': (_wxt, files) => {
      files.push({
        relativeDest: 'page-marks.css',
        absoluteSrc: fileURLToPath(new URL('lib/page/pageMarks.css', import.meta.url)),
      });
    },
  },
  zip: {
    // The sources zip (for Firefox review) holds only what builds the extension.
    excludeSources: ['tests/**', 'artifacts/**', 'test-results/**', 'playwright-report/**', '.ci/**', '**/*.log'],
  },
});
