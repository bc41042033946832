/**
 * What a reader does, in steps the scenarios share: open a page and wait until the extension is done with it,
 * hover a word, wait for the card, click in the card or on an extension page, type over a field.
 */
import {
  countPaintedRanges,
  openCardText,
  pointInCard,
  pointOfText,
  visibleCardBox,
  type Box,
} from '../../support/pageProbes';
import { until, type ScenarioDriver, type ScenarioPage } from './driver';

export interface Mention {
  entityId: string;
  name: string;
  text: string;
}

/** Opens a fixture and waits until it has at least `minMarks` marks. */
export async function openMarked(driver: ScenarioDriver, path: string, minMarks = 1): Promise<ScenarioPage> {
  const page = await driver.open(path);
  driver
    .expect(
      await until(
        () => page.evaluate(countPaintedRanges, undefined),
        (n) => n >= minMarks,
      ),
    )
    .toBeGreaterThanOrEqual(minMarks);
  return page;
}

/**
 * Opens a fixture and waits until the content script is done with it: more than `moreThan` marks painted and the
 * badge showing the mentions count. The badge is set last, after hover tracking has started and the card UI has
 * been loaded, so a pointer move made earlier (right after the first marks appear) could go unseen.
 */
export async function openSettled(
  driver: ScenarioDriver,
  path: string,
  moreThan = 5,
): Promise<{ page: ScenarioPage; tabId: number; mentions: Mention[] }> {
  const { expect } = driver;
  const page = await driver.open(path);
  expect(
    await until(
      () => page.evaluate(countPaintedRanges, undefined),
      (n) => n > moreThan,
    ),
  ).toBeGreaterThan(moreThan);
  const tabId = await page.tabId();
  const mentions = await page.mentions();
  expect(
    await until(
      () => badgeText(driver, tabId),
      (t) => t === String(mentions.length),
    ),
  ).toBe(String(mentions.length));
  return { page, tabId, mentions };
}

export const badgeText = (driver: ScenarioDriver, tabId: number) =>
  driver.inExtension((api, tabId) => api.action.getBadgeText({ tabId }), tabId);

/** Back to the default settings (no pause, every tier, default delay), so a failed test leaves nothing for the next. */
export const resetSettings = (driver: ScenarioDriver) =>
  driver.inExtension((api) => api.storage.local.remove('settings'), null);

/** Moves the pointer onto the `nth` occurrence of `needle`, from just above it, as a reader's mouse does. */
export async function hoverText(
  driver: ScenarioDriver,
  page: ScenarioPage,
  needle: string,
  nth = 0,
): Promise<{ x: number; y: number }> {
  const point = await page.evaluate(pointOfText, { needle, nth });
  driver.expect(point, `"${needle}" is on screen`).not.toBeNull();
  await page.mouseMove(point!.x, point!.y - 30);
  await page.mouseMove(point!.x, point!.y, 3);
  return point!;
}

export const cardEntity = async (page: ScenarioPage) => (await page.inCard(openCardText, undefined))?.entityId ?? null;

/** Waits until the open card is `entityId`'s (or, for null, until no card is open). */
export async function expectCard(driver: ScenarioDriver, page: ScenarioPage, entityId: string | null): Promise<void> {
  if (entityId === null)
    driver
      .expect(
        await until(
          () => page.inCard(openCardText, undefined),
          (c) => c === null,
        ),
      )
      .toBeNull();
  else
    driver
      .expect(
        await until(
          () => cardEntity(page),
          (id) => id === entityId,
        ),
      )
      .toBe(entityId);
}

/** The card's box once it is placed and visible (waits until it is). */
export async function cardBox(driver: ScenarioDriver, page: ScenarioPage): Promise<Box> {
  const box = await until(
    () => page.inCard(visibleCardBox, undefined),
    (b) => b !== null,
  );
  driver.expect(box, 'the card is shown').not.toBeNull();
  return box!;
}

/** Hovers `needle` and waits until its card (`entityId`) is open and shown. */
export async function openCard(
  driver: ScenarioDriver,
  page: ScenarioPage,
  needle: string,
  entityId: string,
): Promise<void> {
  await hoverText(driver, page, needle);
  driver
    .expect(
      await until(
        () => page.inCard(openCardText, undefined),
        (c) => c?.entityId === entityId,
      ),
    )
    .toMatchObject({ entityId });
  await cardBox(driver, page);
}

/** Clicks the centre of an element in the card, as the reader's mouse would (a trusted click). */
export async function clickInCard(driver: ScenarioDriver, page: ScenarioPage, selector: string): Promise<void> {
  const point = await page.inCard(pointInCard, selector);
  driver.expect(point, `${selector} is in the card`).not.toBeNull();
  await page.mouseClick(point!.x, point!.y);
}

/** Clicks the centre of the first element matching `selector` (and, if given, whose text is `text`), with the mouse. */
export async function clickOn(
  driver: ScenarioDriver,
  page: ScenarioPage,
  selector: string,
  text?: string,
): Promise<void> {
  const point = await page.evaluate(
    ({ selector, text }) => {
      const el = [...document.querySelectorAll<HTMLElement>(selector)].find(
        (e) => text === null || e.textContent?.trim() === text,
      );
      if (!el) return null;
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    },
    { selector, text: text ?? null },
  );
  driver.expect(point, `${selector}${text ? ` "${text}"` : ''} is on the page`).not.toBeNull();
  await page.mouseClick(point!.x, point!.y);
}

/** Focuses the field matching `selector` and types `text` over what it holds, as a reader would (select all, type). */
export async function typeOver(page: ScenarioPage, selector: string, text: string): Promise<void> {
  await page.evaluate((selector) => {
    const input = document.querySelector<HTMLInputElement>(selector)!;
    input.focus();
    input.select();
  }, selector);
  if (text) await page.type(text);
  else await page.press('Backspace');
}

/** The checkbox labelled `label` (its <label> contains it): its name and whether it is checked. */
export function checkboxByLabel(label: string): { name: string; checked: boolean } | null {
  const host = [...document.querySelectorAll('label')].find(
    (l) => l.textContent?.replace(/\s+/g, ' ').trim() === label,
  );
  const input =
    host?.querySelector<HTMLInputElement>('input[type=checkbox]') ??
    (host?.control as HTMLInputElement | null | undefined);
  return input ? { name: input.name, checked: input.checked } : null;
}

/** Text of the first element matching `selector`, or null when there is none. */
export function textOf(selector: string): string | null {
  return document.querySelector(selector)?.textContent ?? null;
}

/** Whether the first element matching `selector` is rendered with a non-empty box. */
export function isShown(selector: string): boolean {
  const el = document.querySelector<HTMLElement>(selector);
  const r = el?.getBoundingClientRect();
  return !!el && !!r && r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true });
}
