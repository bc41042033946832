/**
 * The card's colours follow what is on screen behind its mark, decided at each open: a dark wrapper over a white
 * body gives a dark card; a site's own theme switch and the OS setting are followed between opens, and the OS
 * setting while a card is open; the card says its scheme (`color-scheme`) so its scrollbar and controls match.
 * axe finds nothing serious in the preview or any tab of the expanded card, light or dark.
 */
import { until, type Scenario, type ScenarioDriver, type ScenarioPage } from './driver';
import { cardBox, clickInCard, expectCard, hoverText, openSettled } from './reader';

/** The open card's theme as drawn: which class, its computed `color-scheme` and whether its background is dark. */
function cardScheme(root: ShadowRoot) {
  const card = root.querySelector<HTMLElement>('.ic-card');
  if (!card) return null;
  const style = getComputedStyle(card);
  const [r, g, b] = (style.backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
  return {
    theme: root.querySelector('.ic-dark') ? 'dark' : root.querySelector('.ic-light') ? 'light' : 'none',
    colorScheme: style.colorScheme,
    darkBackground: 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 110,
  };
}

async function expectScheme(driver: ScenarioDriver, page: ScenarioPage, scheme: 'light' | 'dark', why: string) {
  const seen = await until(
    () => page.inCard(cardScheme, undefined),
    (s) => s?.theme === scheme,
  );
  driver.expect(seen, why).toEqual({ theme: scheme, colorScheme: scheme, darkBackground: scheme === 'dark' });
}

/**
 * axe cannot enter a closed shadow root: it checks a copy of the card's shadow tree (markup and styles) in an open
 * root drawn at the same place, on top. The copy's fade-in is switched off, so contrast is measured on final colours.
 */
function copyCardForAxe(root: ShadowRoot): boolean {
  const host = document.createElement('axe-card-copy');
  host.attachShadow({ mode: 'open' }).innerHTML =
    `${root.innerHTML}<style>.ic-card { animation: none !important; }</style>`;
  document.documentElement.append(host);
  return true;
}

async function axeCard(driver: ScenarioDriver, page: ScenarioPage, what: string) {
  await page.inCard(copyCardForAxe, undefined);
  const axe = await page.axe(['axe-card-copy']);
  await page.evaluate(() => document.querySelector('axe-card-copy')?.remove(), undefined);
  driver.expect(axe.serious, what).toEqual([]);
  // axe really looked into the copy's shadow root.
  driver.expect(axe.passedNodes, what).toBeGreaterThan(20);
}

export const schemeScenarios: Scenario[] = [
  {
    name: 'a dark wrapper over a white body gets a dark card, with a dark color-scheme',
    async run(driver) {
      const { page } = await openSettled(driver, '/scheme/dark-wrapper.html', 3);
      await page.colorScheme('light');
      await hoverText(driver, page, 'IMET');
      await cardBox(driver, page);
      await expectScheme(driver, page, 'dark', 'the wrapper behind the mark is dark');
      await page.colorScheme(null);
    },
  },
  {
    name: "the card follows the site's theme switch and the OS scheme, between opens and while open",
    async run(driver) {
      const { expect } = driver;
      const { page } = await openSettled(driver, '/scheme/switching.html', 3);
      await page.colorScheme('light');
      await hoverText(driver, page, 'IMET');
      await cardBox(driver, page);
      await expectScheme(driver, page, 'light', 'light page');
      await page.press('Escape');
      await expectCard(driver, page, null);

      // The site's own switch, between two opens.
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'), undefined);
      await hoverText(driver, page, 'Michael Erik Kurilla');
      await expectCard(driver, page, 'michael-kurilla');
      await expectScheme(driver, page, 'dark', 'the site switched to dark');
      await page.press('Escape');
      await expectCard(driver, page, null);
      await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'), undefined);
      await hoverText(driver, page, 'Asim Munir');
      await expectCard(driver, page, 'asim-munir');
      await expectScheme(driver, page, 'light', 'the site switched back to light');
      await page.press('Escape');
      await expectCard(driver, page, null);

      // The OS setting, which this page follows when the site has no theme of its own; also while a card is open.
      await page.evaluate(() => document.documentElement.removeAttribute('data-theme'), undefined);
      await page.colorScheme('dark');
      await hoverText(driver, page, 'Qamar Javed Bajwa');
      await expectCard(driver, page, 'qamar-javed-bajwa');
      await expectScheme(driver, page, 'dark', 'the OS is dark');
      await page.colorScheme('light');
      await expectScheme(driver, page, 'light', 'the OS turned light while the card was open');
      expect(
        await page.inCard((root) => root.querySelector<HTMLElement>('.ic-card')?.dataset.entityId, undefined),
      ).toBe('qamar-javed-bajwa');
      await page.colorScheme(null);
    },
  },
  {
    name: 'no serious or critical accessibility violations in the preview and expanded card, light and dark',
    async run(driver) {
      for (const [path, scheme] of [
        ['/demo.html', 'light'],
        ['/scheme/dark-wrapper.html', 'dark'],
      ] as const) {
        const { page } = await openSettled(driver, path, 3);
        await hoverText(driver, page, 'CIS-MOA');
        await expectCard(driver, page, 'cis-moa');
        await cardBox(driver, page);
        await expectScheme(driver, page, scheme, path);
        await axeCard(driver, page, `${scheme} preview`);

        await clickInCard(driver, page, '.ic-open-full');
        const tabs = (await until(
          () => page.inCard((root) => [...root.querySelectorAll('.ic-tab')].map((t) => t.getAttribute('data-tab')), []),
          (t) => (t?.length ?? 0) > 1,
        ))!;
        for (const tab of tabs) {
          await clickInCard(driver, page, `.ic-tab[data-tab=${tab}]`);
          await until(
            () =>
              page.inCard((root) => root.querySelector('.ic-tab[aria-selected=true]')?.getAttribute('data-tab'), []),
            (t) => t === tab,
          );
          await axeCard(driver, page, `${scheme} expanded, ${tab}`);
        }
        await page.close();
      }
    },
  },
];
