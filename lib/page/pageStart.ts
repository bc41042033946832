/**
 * What the engine (the page script's second stage) does once it knows it is the one instance in this document:
 * starting the page, with what a same-origin frame does differently from the top document.
 */
import { browser } from 'wxt/browser';
import { answersTabRequest, answerRequest, isTabRequest, type TabRequest } from '../core/messages';
import { askBackground } from '../messaging';
import { readSettings, watchSettings } from '../settingsStore';
import { PageController } from './pageController';
import { ENGINE_ANSWER, pageWorld } from './pageInstances';
import type { PageLifetime } from './pageLifetime';
import { watchSpaNavigation } from './spaNavigation';

export async function startPage(lifetime: PageLifetime): Promise<void> {
  const inFrame = window !== window.top;
  const ready = readSettings().then((settings) => new PageController(lifetime, settings));
  // Listening from the first line: the first stage (lib/page/engineGate.ts) answers until this instance exists, and
  // not after. Each tab message has its audience (TAB_AUDIENCE): undefined from the others lets its reply win.
  const answer = (message: TabRequest) =>
    ready.then((controller) => answerRequest(controller.handlers, message, undefined));
  const onMessage = (message: unknown) =>
    isTabRequest(message) && !lifetime.isInvalid && answersTabRequest(message, inFrame) ? answer(message) : undefined;
  browser.runtime.onMessage.addListener(onMessage);
  // A request that reached the first stage while this script was on its way is answered here too (engineGate.ts).
  pageWorld[ENGINE_ANSWER] = answer;
  lifetime.onEnd(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    if (pageWorld[ENGINE_ANSWER] === answer) delete pageWorld[ENGINE_ANSWER];
  });
  const controller = await ready;
  if (lifetime.isInvalid) return;

  lifetime.onEnd(watchSettings((next) => !lifetime.isInvalid && controller.settingsChanged(next)));
  // Single-page apps: a new "page" gets a fresh scan (and the page-level rules start over).
  watchSpaNavigation(lifetime.signal, () => !lifetime.isInvalid && controller.restart());
  if (inFrame) {
    // The badge adds up the frames' counts: a frame's document that goes away (the frame removed or navigated, the
    // tab moving on) takes its count with it, and brings it back if the back/forward cache restores it. The top
    // frame needs neither: the next page's top document reports in its place, and closing the tab drops them all.
    addEventListener('pagehide', () => controller.reportCount(true), { signal: lifetime.signal });
    addEventListener('pageshow', (e) => e.persisted && controller.reportCount(), { signal: lifetime.signal });
  }

  await controller.start();
  // srcdoc frames are not in the manifest's reach (see wxt.config.ts): the top page asks for them when it has some.
  if (!inFrame && !lifetime.isInvalid && document.querySelector('iframe[srcdoc]')) {
    await askBackground({ type: 'incontext:inject-frames' }).catch(() => undefined);
  }
}
