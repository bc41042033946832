/**
 * How marks read on a page: "mark only the first mention of each name in a paragraph" paints one mark per entity per
 * paragraph, while the mentions contract and the badge still count every mention, and hovering a repeat that is not
 * painted opens nothing; switching the setting off paints every mention again without a reload.
 */
import { countPaintedRanges, openCardText, paintedMarks } from '../../support/pageProbes';
import { sleep, until, type Scenario } from './driver';
import { expectCard, hoverText, openSettled, resetSettings } from './reader';

const PAGE = '/detection/first-mention.html';

export const markScenarios: Scenario[] = [
  {
    name: 'first-mention-only paints one mark per entity per paragraph; the counts and the first marks stay live',
    async run(driver) {
      const { expect } = driver;
      await driver.inExtension((api) => api.storage.local.set({ settings: { firstMentionOnly: true } }), null);
      try {
        const { page, mentions } = await openSettled(driver, PAGE, 2);
        // Every mention is still a mention (popup counts, badge, shortcuts): only the painting is thinned.
        expect(mentions.map((m) => m.text)).toEqual(['CIS-MOA', 'IMET', 'CIS-MOA', 'IMET', 'CIS-MOA', 'CIS-MOA']);
        expect(
          await until(
            () => page.evaluate(paintedMarks, undefined),
            (marks) => marks.length === 3,
          ),
        ).toEqual([
          [0, 'CIS-MOA'],
          [0, 'IMET'],
          [1, 'CIS-MOA'],
        ]);
        // Each painted mark is its paragraph's first mention of that name (the repeats are left as plain text).
        const firsts = await page.evaluate(() => {
          const out: boolean[] = [];
          for (const name of ['xr-mark', 'xr-mark-faint'])
            for (const r of CSS.highlights.get(name)?.keys() ?? []) {
              const p = (r.startContainer as Text).parentElement!.closest('p')!;
              const word = (r.startContainer as Text).data.slice(r.startOffset, r.endOffset);
              const before = document.createRange();
              before.setStart(p, 0);
              before.setEnd(r.startContainer, r.startOffset);
              out.push(!before.toString().includes(word));
            }
          return out;
        }, undefined);
        expect(firsts).toEqual([true, true, true]);

        // A repeat that is not painted is plain text to the reader: resting on it opens no card.
        await hoverText(driver, page, 'CIS-MOA', 1);
        await sleep(1_500);
        expect(await page.inCard(openCardText, undefined)).toBeNull();
        // The painted first mention opens its card as usual.
        await hoverText(driver, page, 'CIS-MOA', 0);
        await expectCard(driver, page, 'cis-moa');

        // Off again: every mention is painted, on the same document.
        await driver.inExtension(async (api) => {
          const { settings } = await api.storage.local.get('settings');
          await api.storage.local.set({ settings: { ...(settings as object), firstMentionOnly: false } });
        }, null);
        expect(
          await until(
            () => page.evaluate(countPaintedRanges, undefined),
            (n) => n === mentions.length,
          ),
        ).toBe(mentions.length);
      } finally {
        await resetSettings(driver);
      }
    },
  },
];
