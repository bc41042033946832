import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { resolve } from 'node:path';
import { repoRoot } from '../../support/paths';
import { countPaintedRanges, openCardText, pointOfText } from '../../support/pageProbes';
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

const cardLocator = (page: Page) => page.locator('incontext-card .ic-card');

test.describe('hover card', () => {
  test('hover opens the right card; Escape, leaving and clicking outside close it', async ({ page, server, pageErrors }) => {
    await openDemo(page, server.url('/demo.html'));
    await hoverText(page, 'Michael Erik Kurilla');
    await expect.poll(() => page.evaluate(openCardText)).toMatchObject({ entityId: 'michael-kurilla' });
    await expect(cardLocator(page)).toContainText('Key facts');
    await expect(cardLocator(page)).toContainText('Timeline');
    await page.screenshot({ path: shots('card-light.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(openCardText)).toBeNull();

    // Leaving the text closes the card after a short grace period.
    await hoverText(page, 'Qamar Javed Bajwa');
    await expect.poll(() => page.evaluate(openCardText)).toMatchObject({ entityId: 'qamar-javed-bajwa' });
    await page.mouse.move(5, 880);
    await expect.poll(() => page.evaluate(openCardText)).toBeNull();

    // A click outside closes it too.
    await hoverText(page, 'IMET');
    await expect.poll(() => page.evaluate(openCardText)).toMatchObject({ entityId: 'imet' });
    await page.mouse.click(5, 880);
    await expect.poll(() => page.evaluate(openCardText)).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  test('moving onto the card keeps it open; sources expand; related entities switch the card', async ({ page, server }) => {
    await openDemo(page, server.url('/demo.html'));
    await hoverText(page, 'Michael Erik Kurilla');
    const card = cardLocator(page);
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 20, { steps: 5 });
    await page.waitForTimeout(500);
    await expect(card).toBeVisible();

    const chip = card.locator('.ic-source summary').first();
    await chip.click();
    await expect(card.locator('.ic-source[open] blockquote').first()).toBeVisible();
    await expect(card.locator('.ic-source[open] .ic-source-meta').first()).toContainText('.txt');

    const related = card.locator('[data-related-id=asim-munir]');
    await related.click();
    await expect.poll(() => page.evaluate(openCardText)).toMatchObject({ entityId: 'asim-munir' });
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
      await expect.poll(() => page.evaluate(openCardText)).not.toBeNull();
      seen.push((await page.evaluate(openCardText))!.entityId!);
    }
    expect(seen).toEqual(mentions.map((m) => m.entityId));
    // The card has keyboard focus while open, and Escape gives it back.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INCONTEXT-CARD');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(openCardText)).toBeNull();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('q');

    // "next" after the last mention wraps to the first; "previous" from the first wraps to the last.
    await sendToTab(url, { type: 'incontext:focus-mention', direction: 'next' });
    await expect.poll(async () => (await page.evaluate(openCardText))?.entityId).toBe(mentions[0]!.entityId);
    await page.keyboard.press('Escape');
    await sendToTab(url, { type: 'incontext:focus-mention', direction: 'previous' });
    await expect.poll(async () => (await page.evaluate(openCardText))?.entityId).toBe(mentions[mentions.length - 1]!.entityId);
  });

  test('a hostile page cannot move, hide or restyle the card', async ({ page, server }) => {
    await page.goto(server.url('/hostile.html'));
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBeGreaterThan(0);
    await hoverText(page, 'IMET');
    const card = cardLocator(page);
    await expect(card).toBeVisible();
    const box = (await card.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    const style = await card.evaluate((el) => {
      const cs = getComputedStyle(el);
      const name = getComputedStyle(el.querySelector('.ic-name')!);
      return { display: cs.display, fontSize: cs.fontSize, nameSize: name.fontSize, nameDisplay: name.display, color: cs.color };
    });
    expect(style).toMatchObject({ display: 'block', fontSize: '13px', nameSize: '16px', nameDisplay: 'block' });
    expect(style.color).not.toBe('rgb(255, 0, 0)');
    // On this dark page the card is dark too.
    await expect(page.locator('incontext-card .ic-dark')).toHaveCount(1);
    await page.screenshot({ path: shots('card-dark-hostile.png') });
    // The card is the topmost thing where it is drawn, above the page's max-z-index overlay.
    const topmost = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, { x: box.x + box.width / 2, y: box.y + box.height - 5 });
    expect(topmost).toBe('INCONTEXT-CARD');
  });

  test('right-to-left pages and 200 % zoom keep the card on screen', async ({ page, server }) => {
    await page.goto(server.url('/rtl.html'));
    await expect.poll(() => page.evaluate(countPaintedRanges)).toBe(2);
    await hoverText(page, 'IMET');
    await expect(cardLocator(page)).toBeVisible();
    let box = (await cardLocator(page).boundingBox())!;
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
    await expect(cardLocator(page)).toBeVisible();
    await expect.poll(async () => (await page.locator('incontext-card .ic-layer').getAttribute('style')) ?? '').toContain('visible');
    box = (await cardLocator(page).boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  });

  test('an open card has no serious or critical accessibility violations', async ({ page, server }) => {
    await openDemo(page, server.url('/demo.html'));
    await hoverText(page, 'CIS-MOA');
    await expect(cardLocator(page)).toBeVisible();
    const results = await new AxeBuilder({ page }).include('incontext-card').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
