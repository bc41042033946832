/**
 * Keeps the page script's first stage supplied with its gate (lib/core/pageGate.ts) in `storage.local`: for this
 * version and the tier switches the reader has on. Written when the background starts and finds none that fits,
 * when the settings change (the pages follow through their storage listener), and when a page finds none (the first
 * pages after an install can start before the background has written it).
 */
import { browser } from 'wxt/browser';
import type { MatcherCache } from '../core/matcherCache';
import { PAGE_GATE_KEY, readPageGate, type PageGate } from '../core/pageGate';
import { normaliseSettings, SETTINGS_KEY } from '../core/settings';
import type { DossierStore } from '../store/dossierStore';

export class PageGateWriter {
  /** One write at a time, each reading the settings when its turn comes, so the last write is for the last tiers. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: DossierStore,
    private readonly matchers: MatcherCache,
  ) {}

  /** The gate for the current settings: the stored one if it fits, else a new one, written. */
  update(): Promise<PageGate> {
    const next = this.chain.then(() => this.write());
    // A failed write (storage unavailable) leaves the pages loading the engine everywhere, as before the gate.
    this.chain = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private async write(): Promise<PageGate> {
    const version = browser.runtime.getManifest().version;
    const stored = await browser.storage.local.get([SETTINGS_KEY, PAGE_GATE_KEY]);
    const { tiers } = normaliseSettings(stored[SETTINGS_KEY]);
    const fits = readPageGate(stored[PAGE_GATE_KEY], version, tiers);
    if (fits) return fits;
    const { entities } = await this.store.entities();
    const gate = this.matchers.pageGate(entities, tiers, version);
    await browser.storage.local.set({ [PAGE_GATE_KEY]: gate });
    return gate;
  }
}
