/**
 * The static detection fixtures and the exact mentions (entity id, page text) each must yield, in page order.
 * Shared by the Chromium and Firefox detection suites, which expect the same from both browsers.
 */
export interface StaticFixture {
  title: string;
  path: string;
  /** `document.body.tagName` as the page sees it, where the case is the point (XHTML keeps it lower-case). */
  bodyTag?: string;
  mentions: [entityId: string, text: string][];
}

export const STATIC_FIXTURES: StaticFixture[] = [
  {
    title: 'text split across inline tags is one mention; fields, scripts and attributes are left alone',
    path: '/detection/static.html',
    mentions: [
      ['cis-moa', 'CIS-MOA'],
      ['asim-munir', 'Asim Munir'],
      ['cis-moa', 'CISMOA'],
      ['cis-moa', 'CIS\u00a0MOA'],
      ['cis-moa', 'CIS\u2011MOA'],
      ['cis-moa', 'Communication Inter-Operability and\nSecurity Memorandum of Agreement'],
      ['imet', 'IMET'],
      ['michael-kurilla', 'Kurilla'],
      ['asim-munir', 'Munir'],
    ],
  },
  {
    title: 'an XHTML document (lower-case tag names) gets the same rules',
    path: '/detection/static.xhtml',
    bodyTag: 'body',
    mentions: [
      ['cis-moa', 'CIS-MOA'],
      ['asim-munir', 'Asim Munir'],
      ['imet', 'IMET'],
    ],
  },
];
