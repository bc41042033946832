import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
import { repoRoot } from '../../support/paths';
import { inCardChromium } from '../../support/closedCard';
import dossier from '../../../data/dossier.json' with { type: 'json' };
import { cardHas, countPaintedRanges, openCardText, openSourceText, pointInCard, pointOfText, visibleCardBox, type Box } from '../../support/pageProbes';

const readerLabels = dossier.sources.map((s) => s.label);
import { expect, test } from './fixtures';

const shots = (name: string) => resolve(repoRoot, 'tests/screenshots', name);

async function hoverText(page: Page, needle: string, nth = 0) {
  const point = await page.evaluate(pointOfText, { needle, nth });
  expect(point, `"${needle}" is on screen`).not.toBeNull();
  await page.mouse.move(point!.x, point!.y - 30);
  await page.mouse.move(point!.x, point!.y, { steps: 3 });
  return point!;
}

async function openDemo(page: Page, url: string) {
  await page.goto(url);
  await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);
}

const cardText = (page: Page) => inCardChromium(page, openCardText);

/** The card's box once it is placed and visible (polls until it is). */
async function cardBox(page: Page): Promise<Box> {
  await expect.poll(() => inCardChromium(page, visibleCardBox), { message: 'the card is shown' }).not.toBeNull();
  return (await inCardChromium(page, visibleCardBox))!;
}

/** Clicks the centre of an element in the card, as the reader's mouse would (a trusted click). */
async function clickInCard(page: Page, selector: string) {
  const point = await inCardChromium(page, pointInCard, selector);
  expect(point, `${selector} is in the card`).not.toBeNull();
  await page.mouse.click(point!.x, point!.y);
}

/**
 * axe cannot enter a closed shadow root: it checks a copy of the card's shadow tree (markup and styles) in an open
 * root drawn at the same place, on top.
 */
function copyCardForAxe(root: ShadowRoot): boolean {
  const host = document.createElement('axe-card-copy');
  host.attachShadow({ mode: 'open' }).innerHTML = root.innerHTML;
  document.documentElement.append(host);
  return true;
}

test.describe('hover card', () => {
  test('hover opens the right card; Escape, leaving and clicking outside close it', async ({ page, server, pageErrors }) => {
    await openDemo(page, server.url('/demo.html'));
    await hoverText(page, 'Michael Erik Kurilla');
    await expect.poll(() => cardText(page)).toMatchObject({ entityId: 'michael-kurilla' });
    await expect.poll(async () => (await cardText(page))?.text).toMatch(/key facts/i);
    expect((await cardText(page))?.text).toMatch(/timeline/i);
    await page.screenshot({ path: shots('card-light.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page)).toBeNull();

    // Leaving the text closes the card after a short grace period.
    await hoverText(page, 'Qamar Javed Bajwa');
    await expect.poll(() => cardText(page)).toMatchObject({ entityId: 'qamar-javed-bajwa' });
    await page.mouse.move(5, 880);
    await expect.poll(() => cardText(page)).toBeNull();

    // A click outside closes it too.
    await hoverText(page, 'IMET');
    await expect.poll(() => cardText(page)).toMatchObject({ entityId: 'imet' });
    await page.mouse.click(5, 880);
    await expect.poll(() => cardText(page)).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  test('moving onto the card keeps it open; sources expand; related entities switch the card', async ({ page, server }) => {
    await openDemo(page, server.url('/demo.html'));
    await hoverText(page, 'Michael Erik Kurilla');
    const box = await cardBox(page);
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 5 });
    await page.waitForTimeout(500);
    expect(await inCardChromium(page, visibleCardBox)).not.toBeNull();

    await clickInCard(page, '.ic-source summary');
    await expect.poll(() => inCardChromium(page, cardHas, { selector: '.ic-source[open] blockquote', visible: true })).toBe(true);
    // The chip is named by the source's reader label and kind; the seed's file name only behind "Show the document".
    const chip = (await inCardChromium(page, openSourceText))!;
    expect(readerLabels.some((label) => chip.label.startsWith(label))).toBe(true);
    expect(chip.visible).not.toContain('.txt');
    await clickInCard(page, '.ic-source[open] .ic-document summary');
    await expect.poll(async () => (await inCardChromium(page, openSourceText))?.visible).toContain('.txt');

    await clickInCard(page, '[data-related-id=asim-munir]');
    await expect.poll(() => cardText(page)).toMatchObject({ entityId: 'asim-munir' });
  });

  test('the keyboard command reaches every mention in order and Escape returns focus', async ({ page, server, sendToTab }) => {
    const url = server.url('/demo.html');
    await openDemo(page, url);
    const { mentions } = (await sendToTab(url, { type: 'incontext:mentions' })) as { mentions: { entityId: string }[] };
    await page.locator('input[name=q]').focus();
    const seen: string[] = [];
    for (let i = 0; i < mentions.length; i++) {
      const reply = (await sendToTab(url, { type: 'incontext:focus-mention', direction: 'next' })) as { focused: boolean };
      expect(reply.focused).toBe(true);
      await expect.poll(() => cardText(page)).not.toBeNull();
      seen.push((await cardText(page))!.entityId!);
    }
    expect(seen).toEqual(mentions.map((m) => m.entityId));
    // The card has keyboard focus while open, and Escape gives it back.
    expect(await page.evaluate(() => document.activeElement?.localName)).toMatch(/^xr-pop-/);
    await page.keyboard.press('Escape');
    await expect.poll(() => cardText(page)).toBeNull();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q');

    // "next" after the last mention wraps to the first; "previous" from the first wraps to the last.
    await sendToTab(url, { type: 'incontext:focus-mention', direction: 'next' });
    await expect.poll(async () => (await cardText(page))?.entityId).toBe(mentions[0]!.entityId);
    await page.keyboard.press('Escape');
    await sendToTab(url, { type: 'incontext:focus-mention', direction: 'previous' });
    await expect.poll(async () => (await cardText(page))?.entityId).toBe(mentions[mentions.length - 1]!.entityId);
  });

  test('a hostile page cannot move, hide or restyle the card', async ({ page, server }) => {
    await page.goto(server.url('/hostile.html'));
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(0);
    await hoverText(page, 'IMET');
    const box = await cardBox(page);
    const viewport = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    const style = (await inCardChromium(page, (root) => {
      const cs = getComputedStyle(root.querySelector('.ic-card')!);
      const name = getComputedStyle(root.querySelector('.ic-name')!);
      return { display: cs.display, fontSize: cs.fontSize, nameSize: name.fontSize, nameDisplay: name.display, color: cs.color };
    }))!;
    expect(style).toMatchObject({ display: 'block', fontSize: '13px', nameSize: '16px', nameDisplay: 'block' });
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    // On this dark page the card is dark too.
    expect(await inCardChromium(page, cardHas, { selector: '.ic-dark' })).toBe(true);
    await page.screenshot({ path: shots('card-dark-hostile.png') });
    // The card is the topmost thing where it is drawn, above the page's max-z-index overlay.
    const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: box.x + box.width / 2, y: box.y + box.height - 5 });
    expect(topmost).toMatch(/^XR-POP-/);
  });

  test('right-to-left pages and 200 % zoom keep the card on screen', async ({ page, server }) => {
    await page.goto(server.url('/rtl.html'));
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBe(2);
    await hoverText(page, 'IMET');
    let box = await cardBox(page);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);

    await page.keyboard.press('Escape');
    await page.goto(server.url('/demo.html'));
    await page.evaluate(() => ((document.body.style as CSSStyleDeclaration & { zoom: string }).zoom = '2'));
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(5);
    // Scrolled: the first "IMET" paragraph in the middle of the zoomed viewport.
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.includes('known as IMET'));
      p?.scrollIntoView({ block: 'center' });
    });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const point = await page.evaluate(pointOfText, { needle: 'IMET' });
    expect(point).not.toBeNull();
    await page.mouse.move(point!.x, point!.y - 20);
    await page.mouse.move(point!.x, point!.y, { steps: 3 });
    box = await cardBox(page);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  });

  test('an open card has no serious or critical accessibility violations', async ({ page, server }) => {
    await openDemo(page, server.url('/demo.html'));
    await hoverText(page, 'CIS-MOA');
    await cardBox(page);
    await inCardChromium(page, copyCardForAxe);
    const results = await new AxeBuilder({ page }).include('axe-card-copy').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
