/**
 * Stands in for the card UI until it is injected: preloads it on demand (right after a scan that found
 * mentions) and forwards hover and open calls once it is there.
 */
import type { Mention } from '../page/mentionEngine';
import type { PageLifetime } from '../page/pageLifetime';
import { installedCardUi, type CardHostApi, type CardHostDeps } from './cardUiContract';

export class LazyCardHost implements CardHostApi {
  private host: CardHostApi | undefined;
  private loading: Promise<CardHostApi | undefined> | undefined;
  /** The latest hover seen while loading, replayed when the UI arrives. */
  private hovered: Mention | undefined;

  constructor(
    private readonly lifetime: PageLifetime,
    private readonly deps: CardHostDeps,
    /** Asks the background to inject the card UI into this frame. */
    private readonly inject: () => Promise<unknown>,
  ) {}

  preload(): Promise<CardHostApi | undefined> {
    this.loading ??= (async () => {
      if (!installedCardUi()) await this.inject().catch(() => undefined);
      const ui = installedCardUi();
      if (!ui || this.lifetime.isInvalid) return undefined;
      this.host = ui.createCardHost(this.lifetime, this.deps);
      if (this.hovered) this.host.hover(this.hovered);
      return this.host;
    })();
    return this.loading;
  }

  get openEntityId(): string | undefined {
    return this.host?.openEntityId;
  }

  get openTimings(): readonly { inPlaceMs: number; paintedMs: number }[] {
    return this.host?.openTimings ?? [];
  }

  hover(mention: Mention | undefined, pointerType?: string): void {
    if (this.host) return this.host.hover(mention, pointerType);
    // A touch is not a hover to replay: the tap that follows opens the card, once the UI is there.
    this.hovered = pointerType === 'touch' ? undefined : mention;
    if (mention) void this.preload();
  }

  async open(mention: Mention, focus: boolean): Promise<void> {
    await (await this.preload())?.open(mention, focus);
  }

  close(): void {
    this.host?.close();
  }

  dispose(): void {
    this.host?.dispose();
    this.hovered = undefined;
  }
}
