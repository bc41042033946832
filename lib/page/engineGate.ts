/**
 * The page script's first stage, on every page the reader opens: reads the settings and the stored gate in one
 * storage read, looks for an anchor (lib/page/pageWatch.ts) and asks the background for the engine
 * (entrypoints/page-engine.ts) only where there is one. Until then it answers the tab messages as a page without
 * mentions would, so the popup, the shortcuts and outside tools see no difference.
 *
 * WHY: compiling and starting the engine on every page cost several times a bare text walk (docs/performance.md,
 * "Start-up cost per page load"), and almost no page mentions the story. This stage is kept small: the browser's own
 * `browser`/`chrome` object instead of the polyfill (a few calls need no promise wrapping in either browser), and no
 * import from the engine.
 */
import type { WxtBrowser } from 'wxt/browser';
import {
  answerRequest,
  answersTabRequest,
  isTabRequest,
  NO_SCAN_STATS,
  type BackgroundRequest,
  type Handlers,
  type TabProtocol,
} from '../core/messages';
import { compilePatterns, gateIdentity, holdsAnchor, PAGE_GATE_KEY, readPageGate, tiersKey } from '../core/pageGate';
import { isPausedOn, normaliseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { pageHost } from './pageHost';
import { ENGINE_INSTANCE, GATE_INSTANCE, pageWorld, type PageInstance } from './pageInstances';
import { PageWatch } from './pageWatch';

type StorageChanges = Record<string, { newValue?: unknown }>;
type SendResponse = (reply: unknown) => void;

/** Starts the first stage unless a live one runs in this document already. */
export function startEngineGate(api: WxtBrowser): void {
  const previous = pageWorld[GATE_INSTANCE];
  if (previous && !previous.isInvalid) return;
  previous?.end();
  const gate = new EngineGate(api);
  pageWorld[GATE_INSTANCE] = gate;
  void gate.start();
}

class EngineGate implements PageInstance {
  private readonly inFrame = window !== window.top;
  private settings: Settings | undefined;
  private storedGate: unknown;
  private watch: PageWatch | undefined;
  private gateAsked = false;
  /** The engine was asked for: this stage has done its part. */
  private engineAsked = false;
  /** The top document told the background once that it has nothing to count (see look). */
  private reported = false;
  /** The first look at the page is done and found no anchor (for the stats). */
  private looked = false;
  private ended = false;

  constructor(private readonly api: WxtBrowser) {}

  /**
   * Only an orphan (the extension went away under it) makes way for a new copy; one that handed over to the engine
   * stays the document's first stage, so a second injection does not look at the page again.
   */
  get isInvalid(): boolean {
    if (!this.ended && !runtimeAlive(this.api)) this.end();
    return this.ended;
  }

  async start(): Promise<void> {
    let stored: Record<string, unknown>;
    try {
      stored = await this.api.storage.local.get([SETTINGS_KEY, PAGE_GATE_KEY]);
    } catch {
      // Storage that cannot be read: the engine starts with the default settings, as it always did.
      this.askForEngine();
      return;
    }
    if (this.isInvalid) return;
    this.settings = normaliseSettings(stored[SETTINGS_KEY]);
    this.storedGate = stored[PAGE_GATE_KEY];
    this.api.runtime.onMessage.addListener(this.onMessage);
    this.api.storage.onChanged.addListener(this.onStorage);
    // In a task of its own rather than in the storage read's promise continuation: the page's own microtasks run in
    // the same checkpoint, and the look then made whatever task the read resolved in that much longer (and could not
    // be told apart from the page's work in a trace).
    setTimeout(() => this.look(), 0);
  }

  end(): void {
    this.ended = true;
    this.watch?.stop();
    this.stopListening();
  }

  /** (Re)starts the look at the page for the current settings and gate. */
  private look(): void {
    this.watch?.stop();
    this.watch = undefined;
    const settings = this.settings!;
    if (this.engineAsked || this.ended || isPausedOn(settings, pageHost())) return;
    const gate = readPageGate(this.storedGate, this.api.runtime.getManifest().version, settings.tiers);
    if (!gate) {
      this.askForGate();
      return;
    }
    const patterns = compilePatterns(this.inFrame ? gate.frame : gate.top, false);
    const watch = new PageWatch({
      holdsAnchor: (text) => holdsAnchor(patterns, text),
      onAnchor: () => this.askForEngine(),
      alive: () => !this.isInvalid,
    });
    this.watch = watch;
    void watch.start().then((found) => {
      if (found || watch !== this.watch || this.engineAsked) return;
      this.looked = true;
      if (this.inFrame) return;
      // The badge holds the tab's last page's count until the top document reports its own (lib/core/frameCounts.ts);
      // the engine does it with its first report.
      if (!this.reported) {
        this.reported = true;
        this.send({ type: 'incontext:mention-count', count: 0 });
      }
      // srcdoc frames are not in the manifest's reach (see wxt.config.ts): the top page asks for them.
      if (document.querySelector('iframe[srcdoc]')) this.send({ type: 'incontext:inject-frames' });
    });
  }

  /**
   * No gate for this version and these tiers in storage: the background writes it at its start and when the tiers
   * change, but the first pages after an install may start before that. Asked for once; without one (or with one for
   * other tiers, in the middle of a change), the engine decides, as before this stage existed.
   */
  private askForGate(): void {
    if (this.gateAsked) {
      this.askForEngine();
      return;
    }
    this.gateAsked = true;
    const request: BackgroundRequest = { type: 'incontext:page-gate' };
    this.api.runtime.sendMessage(request).then(
      (gate: unknown) => {
        if (this.takeGate(gate) || !this.watch) this.look();
      },
      () => this.askForEngine(),
    );
  }

  private askForEngine(): void {
    if (this.engineAsked || this.ended) return;
    this.engineAsked = true;
    this.watch?.stop();
    const request: BackgroundRequest = { type: 'incontext:load-engine' };
    this.api.runtime.sendMessage(request).then(
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
    if (area !== 'local' || this.engineAsked) return;
    const before = this.settings!;
    if (SETTINGS_KEY in changes) this.settings = normaliseSettings(changes[SETTINGS_KEY]!.newValue);
    const after = this.settings!;
    const pauseChanged = isPausedOn(before, pageHost()) !== isPausedOn(after, pageHost());
    const tiersChanged = tiersKey(before.tiers) !== tiersKey(after.tiers);
    const gateChanged = PAGE_GATE_KEY in changes && this.takeGate(changes[PAGE_GATE_KEY]!.newValue);
    if (pauseChanged || tiersChanged || gateChanged) this.look();
  };

  /** Keeps a gate from storage or the background; whether it differs from the one kept (the same comes both ways). */
  private takeGate(gate: unknown): boolean {
    if (gateIdentity(gate) === gateIdentity(this.storedGate)) return false;
    this.storedGate = gate;
    return true;
  }

  /**
   * Answers as a page without mentions, in its audience only (lib/core/messages.ts), until the engine runs: it
   * listens from its first line, so from then on its answer is the one that counts.
   */
  private readonly onMessage = (message: unknown, _sender: unknown, sendResponse: SendResponse): true | undefined => {
    if (!isTabRequest(message) || !answersTabRequest(message, this.inFrame) || this.isInvalid) return undefined;
    const engine = pageWorld[ENGINE_INSTANCE];
    if (engine && !engine.isInvalid) return undefined;
    answerRequest(this.quietPage, message, undefined).then(sendResponse, () => sendResponse(undefined));
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
