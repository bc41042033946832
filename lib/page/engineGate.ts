/**
 * The page script's first stage, on every page the reader opens: looks for an anchor with the gate built into it
 * (every tier's anchors, lib/build/builtInGate.ts) and, only where there is one, reads the settings and asks the
 * background for the engine (entrypoints/page-engine.ts). Until then it answers the tab messages as a page without
 * mentions would, so the popup, the shortcuts and outside tools see no difference.
 *
 * WHY: compiling and starting the engine on every page cost several times a bare text walk (docs/performance.md,
 * "Start-up cost per page load"), and almost no page mentions the story. This stage is kept small: the browser's own
 * `browser`/`chrome` object instead of the polyfill (a few calls need no promise wrapping in either browser), no
 * import from the engine, and on a page without an anchor no storage read (the switched-off tiers and paused sites
 * it would tell only matter where there is something to mark).
 */
import type { WxtBrowser } from 'wxt/browser';
import type { AnchorPattern } from '../core/anchorFilter';
import {
  answerRequest,
  answersTabRequest,
  isTabRequest,
  NO_SCAN_STATS,
  type BackgroundRequest,
  type Handlers,
  type TabProtocol,
} from '../core/messages';
import { gatePatterns, gateTest, type BuiltInGate } from '../core/pageGate';
import { allTiersOn, isPausedOn, normaliseSettings, SETTINGS_KEY, tiersKey, type Settings } from '../core/settings';
import { pageHost } from './pageHost';
import { ENGINE_ANSWER, ENGINE_INSTANCE, GATE_INSTANCE, pageWorld, type PageInstance } from './pageInstances';
import { PageWatch } from './pageWatch';

type StorageChanges = Record<string, { newValue?: unknown }>;
type SendResponse = (reply: unknown) => void;

/** Starts the first stage unless a live one runs in this document already. */
export function startEngineGate(api: WxtBrowser, builtIn: BuiltInGate, inFrame: boolean): void {
  const previous = pageWorld[GATE_INSTANCE];
  if (previous && !previous.isInvalid) return;
  previous?.end();
  const gate = new EngineGate(api, builtIn, inFrame);
  pageWorld[GATE_INSTANCE] = gate;
  gate.start();
}

class EngineGate implements PageInstance {
  /** Read once the built-in gate found an anchor, and kept up to date from then on. */
  private settings: Settings | undefined;
  private watch: PageWatch | undefined;
  /** The engine was asked for: this stage has done its part. */
  private engineAsked = false;
  /** Settles once the background has run the engine in this document (or failed to). */
  private engineLoaded: Promise<unknown> | undefined;
  /** The top document told the background once that it has nothing to count, and asked for its srcdoc frames. */
  private reported = false;
  /** A first look is done and did not load the engine (for the stats). */
  private looked = false;
  private ended = false;

  constructor(
    private readonly api: WxtBrowser,
    private readonly builtIn: BuiltInGate,
    /** A same-origin frame, not the top document (lib/page/pageScope.ts). */
    private readonly inFrame: boolean,
  ) {}

  /**
   * Only an orphan (the extension went away under it) makes way for a new copy; one that handed over to the engine
   * stays the document's first stage, so a second injection does not look at the page again.
   */
  get isInvalid(): boolean {
    if (!this.ended && !runtimeAlive(this.api)) this.end();
    return this.ended;
  }

  /**
   * Looks at the page at once, in the task the browser runs this script in: a page's own microtasks share the
   * checkpoint after a promise, and a look run there made whatever task it landed in that much longer.
   */
  start(): void {
    this.api.runtime.onMessage.addListener(this.onMessage);
    // Every tier's anchors: a tier switched off only narrows the gate, so a page without them needs no settings.
    this.watchWith(this.inFrame ? this.builtIn.frame : this.builtIn.top, () => void this.readSettings());
  }

  end(): void {
    this.ended = true;
    this.watch?.stop();
    this.stopListening();
  }

  /** Watches the page for these anchors until one is found. */
  private watchWith(anchors: readonly AnchorPattern[], found: () => void): void {
    this.watch?.stop();
    const watch = new PageWatch({
      holdsAnchor: gateTest(anchors),
      onAnchor: found,
      alive: () => !this.isInvalid,
    });
    this.watch = watch;
    void watch.start().then((hit) => {
      if (hit || watch !== this.watch || this.engineAsked) return;
      this.looked = true;
      if (this.inFrame) return;
      if (this.reported) return;
      this.reported = true;
      // The badge holds the tab's last page's count until the top document reports its own (lib/core/frameCounts.ts);
      // the engine does it with its first report.
      this.send({ type: 'incontext:mention-count', count: 0 });
      // srcdoc frames are not in the manifest's reach (see wxt.config.ts): the top page asks for them.
      if (document.querySelector('iframe[srcdoc]')) this.send({ type: 'incontext:inject-frames' });
    });
  }

  /** The built-in gate found an anchor: whether the engine comes depends on the reader's settings from here on. */
  private async readSettings(): Promise<void> {
    let stored: Record<string, unknown>;
    try {
      stored = await this.api.storage.local.get(SETTINGS_KEY);
    } catch {
      // Storage that cannot be read: the engine starts with the default settings, as it always did.
      this.askForEngine();
      return;
    }
    if (this.isInvalid) return;
    this.settings = normaliseSettings(stored[SETTINGS_KEY]);
    this.api.storage.onChanged.addListener(this.onStorage);
    this.decide();
  }

  /**
   * The page holds an anchor of some tier: the engine comes unless the site is paused, or unless the tiers switched
   * off are what the anchor belongs to, which the anchors of the tiers switched on tell (watched for until then).
   */
  private decide(): void {
    this.watch?.stop();
    this.watch = undefined;
    const settings = this.settings!;
    if (this.engineAsked || this.ended) return;
    if (isPausedOn(settings, pageHost())) {
      this.looked = true;
      return;
    }
    if (allTiersOn(settings.tiers)) this.askForEngine();
    else this.watchWith(gatePatterns(this.builtIn, settings.tiers, this.inFrame), () => this.askForEngine());
  }

  private askForEngine(): void {
    if (this.engineAsked || this.ended) return;
    this.engineAsked = true;
    this.watch?.stop();
    const request: BackgroundRequest = { type: 'incontext:load-engine' };
    this.engineLoaded = this.api.runtime.sendMessage(request).then(
      () => this.stopListening(),
      () => {
        // The background is gone (the extension reloaded) or the frame left: the page stays as it is.
      },
    );
  }

  private send(message: BackgroundRequest): void {
    this.api.runtime.sendMessage(message).catch(() => {
      // Only bookkeeping for the badge and srcdoc frames: a background that is gone has none to keep.
    });
  }

  private stopListening(): void {
    this.api.runtime.onMessage.removeListener(this.onMessage);
    this.api.storage.onChanged.removeListener(this.onStorage);
  }

  private readonly onStorage = (changes: StorageChanges, area: string): void => {
    if (area !== 'local' || this.engineAsked || !(SETTINGS_KEY in changes)) return;
    const before = this.settings!;
    const after = (this.settings = normaliseSettings(changes[SETTINGS_KEY]!.newValue));
    const pauseChanged = isPausedOn(before, pageHost()) !== isPausedOn(after, pageHost());
    if (pauseChanged || tiersKey(before.tiers) !== tiersKey(after.tiers)) this.decide();
  };

  /**
   * Answers in its audience only (lib/core/messages.ts) until the engine runs, which listens from its first line, so
   * that from then on its answer is the one that counts: as a page without mentions, or, once the engine was asked
   * for, with the engine's answer when it has started (a page with mentions must not say it has none meanwhile).
   */
  private readonly onMessage = (message: unknown, _sender: unknown, sendResponse: SendResponse): true | undefined => {
    if (!isTabRequest(message) || !answersTabRequest(message, this.inFrame) || this.isInvalid) return undefined;
    const engine = pageWorld[ENGINE_INSTANCE];
    if (engine && !engine.isInvalid) return undefined;
    const quiet = () => answerRequest(this.quietPage, message, undefined);
    const reply = this.engineLoaded
      ? this.engineLoaded.then(() => pageWorld[ENGINE_ANSWER]?.(message) ?? quiet())
      : quiet();
    reply.then(sendResponse, () => sendResponse(undefined));
    return true;
  };

  /** A page without mentions, as the engine would answer for it. */
  private readonly quietPage: Handlers<TabProtocol> = {
    'incontext:mentions': () => ({ url: location.href, mentions: [] }),
    'incontext:frame-mentions': () => ({ url: location.href, mentions: [] }),
    'incontext:page-opened': () => ({ ok: true }),
    'incontext:focus-mention': () => ({ focused: false }),
    'incontext:stats': () => ({
      ...NO_SCAN_STATS,
      mentions: 0,
      cardOpenMs: [],
      stage: this.looked ? 'watching' : 'first-look',
      settled: this.looked,
    }),
  };
}

function runtimeAlive(api: WxtBrowser): boolean {
  try {
    return api.runtime?.id != null;
  } catch {
    return false;
  }
}
