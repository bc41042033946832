/**
 * The card by keyboard alone: opened by the shortcut it shows a focus ring on what has focus; Tab reaches each group
 * of like buttons once (a statement's source numbers, the footer links, the tabs) and the arrow keys move inside it;
 * why a date was inferred is text a reader can reach, not only a tooltip; the popup names the shortcuts.
 */
import { until, type Scenario, type ScenarioPage } from './driver';
import { cardBox, clickInCard, expectCard, openSettled } from './reader';

/** What has focus in the card, and whether a ring shows on it (an outline, or a box-shadow beyond the card's own). */
function focusInCard(root: ShadowRoot) {
  const el = root.activeElement as HTMLElement | null;
  if (!el) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const group = el.closest('.ic-cites, .ic-foot, .ic-tabs, .ic-related');
  const members = group ? [...group.querySelectorAll<HTMLElement>('button')] : [];
  return {
    className: el.className,
    text: el.textContent?.trim() ?? '',
    ring: outline,
    outlineColor: style.outlineColor,
    group: group?.className ?? null,
    index: members.indexOf(el),
    groupSize: members.length,
    tabIndexes: members.map((m) => m.tabIndex),
  };
}

/** The card's tab stops: rendered elements Tab can reach, in document order. */
function tabStops(root: ShadowRoot): string[] {
  return [...root.querySelectorAll<HTMLElement>('.ic-card, .ic-card *')]
    .filter((el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && el.checkVisibility())
    .map((el) => `${el.localName}.${el.className}`);
}

const focused = (page: ScenarioPage) => page.inCard(focusInCard, undefined);

export const keyboardScenarios: Scenario[] = [
  {
    name: 'a card opened by the shortcut shows a focus ring; Tab reaches each group once, arrows move within',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      // What the background sends for the shortcut; the popup names an entity the same way.
      await page.send({ type: 'incontext:focus-mention', direction: 'next', entityId: 'cis-moa' });
      await expectCard(driver, page, 'cis-moa');
      await cardBox(driver, page);
      const card = await until(
        () => focused(page),
        (f) => f !== null,
      );
      expect(card?.className).toContain('ic-card');
      expect(card?.ring, 'the focused card shows a ring').toBe(true);

      // The preview: a handful of tab stops, however many source numbers it shows.
      const stops = (await page.inCard(tabStops, undefined))!;
      expect(stops.length, stops.join('\n')).toBeLessThanOrEqual(7);
      expect(stops.length).toBeGreaterThanOrEqual(3);
      expect(stops.filter((s) => s.includes('ic-cite')).length).toBeLessThanOrEqual(3);

      // Tab to the first statement whose source numbers are more than one; each stop shows a ring.
      let at = null as Awaited<ReturnType<typeof focused>>;
      for (let i = 0; i < stops.length; i++) {
        await page.press('Tab');
        at = await focused(page);
        expect(at?.ring, `ring on ${at?.className}`).toBe(true);
        if (at?.group === 'ic-cites' && at.groupSize > 1) break;
      }
      expect(at).toMatchObject({ group: 'ic-cites', index: 0 });
      const size = at!.groupSize;
      await page.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ group: 'ic-cites', index: 1, groupSize: size });
      expect((await focused(page))!.tabIndexes.filter((t) => t === 0)).toHaveLength(1);
      // The number's quote shows for the focused number.
      expect(
        await page.inCard((root) => root.querySelector('.ic-tip')?.getAttribute('data-source-n') ?? null, undefined),
      ).toBe((await focused(page))!.text.replace(/\D/g, ''));
      await page.press('ArrowLeft');
      expect(await focused(page)).toMatchObject({ group: 'ic-cites', index: 0 });
      await page.press('End');
      expect(await focused(page)).toMatchObject({ group: 'ic-cites', index: size - 1 });

      // On to the footer: one stop, arrows along it, Enter on "Open full" expands and focus lands on the tabs.
      for (let i = 0; i < stops.length && (await focused(page))?.group !== 'ic-foot'; i++) await page.press('Tab');
      expect(await focused(page)).toMatchObject({ group: 'ic-foot', index: 0, ring: true });
      await page.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ group: 'ic-foot', index: 1 });
      await page.press('End');
      expect((await focused(page))?.text).toMatch(/open full/i);
      await page.press('Enter');
      const onTab = await until(
        () => focused(page),
        (f) => f?.group === 'ic-tabs',
      );
      expect(onTab).toMatchObject({ group: 'ic-tabs', index: 0, ring: true });
      expect(onTab!.tabIndexes.filter((t) => t === 0)).toHaveLength(1);

      // Arrows along the tabs select as they go.
      await page.press('ArrowRight');
      expect(await focused(page)).toMatchObject({ group: 'ic-tabs', index: 1 });
      expect(
        await until(
          () => page.inCard((root) => root.querySelector('.ic-tab[aria-selected=true]')?.getAttribute('data-tab'), []),
          (t) => t === 'timeline',
        ),
      ).toBe('timeline');
      await page.press('Escape');
      await expectCard(driver, page, null);
    },
  },
  {
    name: 'why a date was inferred is text in the timeline, reachable by keyboard',
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/demo.html');
      await page.send({ type: 'incontext:focus-mention', direction: 'next', entityId: 'imet' });
      await expectCard(driver, page, 'imet');
      await cardBox(driver, page);
      await clickInCard(driver, page, '.ic-open-full');
      await clickInCard(driver, page, '.ic-tab[data-tab=timeline]');
      const inferred = await until(
        () =>
          page.inCard(
            (root) =>
              [...root.querySelectorAll<HTMLDetailsElement>('.ic-inferred')].map((d) => ({
                tabbable: d.querySelector('summary')!.tabIndex >= 0,
                summary: d.querySelector('summary')!.textContent,
                reason: d.querySelector('p')?.textContent ?? '',
                date: d.parentElement?.querySelector('.ic-date')?.textContent ?? '',
              })),
            [],
          ),
        (list) => (list?.length ?? 0) > 0,
      );
      expect(inferred!.length).toBeGreaterThan(0);
      for (const item of inferred!) {
        expect(item.tabbable).toBe(true);
        expect(item.date).toContain('(inferred)');
        expect(item.reason.length).toBeGreaterThan(10);
      }
    },
  },
  {
    name: 'the popup names the keyboard shortcuts',
    async run(driver) {
      const { expect } = driver;
      const popup = await driver.openExtension('/popup.html', '.popup-keys');
      const line = await popup.evaluate(
        () =>
          [...document.querySelectorAll('.popup-keys [data-command]')].map((e) => [
            e.getAttribute('data-command'),
            e.textContent ?? '',
          ]),
        undefined,
      );
      // The keys in force as the browser reports them (Chromium leaves them unset for an extension loaded from the
      // command line; Firefox applies the manifest's).
      const keys = new Map(
        await driver.inExtension(
          async (api) => (await api.commands.getAll()).map((c) => [c.name ?? '', c.shortcut ?? ''] as const),
          null,
        ),
      );
      expect(line.map(([name]) => name)).toEqual(['next-mention', 'previous-mention']);
      for (const [name, text] of line) {
        const set = keys.get(name!);
        expect(text).toContain(set ? set : 'no key set');
      }
      const all = await popup.evaluate(() => document.querySelector('.popup-keys')?.textContent ?? '', undefined);
      expect(all).toContain('Esc close the card');
      expect(all).toContain('all shortcuts');
      await popup.close();
    },
  },
];
