import { describe, expect, it } from 'vitest';
import { compareDates, formatPartialDate, precisionOf } from '../../lib/core/partialDate';

describe('formatPartialDate', () => {
  it('formats each precision without inventing detail', () => {
    expect(formatPartialDate('2005')).toBe('2005');
    expect(formatPartialDate('2005-10')).toBe('Oct 2005');
    expect(formatPartialDate('2023-08-02')).toBe('2 Aug 2023');
    expect(formatPartialDate('2020-01-31')).toBe('31 Jan 2020');
    expect(formatPartialDate('1999-12')).toBe('Dec 1999');
  });

  it('adds the inferred suffix only when asked', () => {
    expect(formatPartialDate('2020', true)).toBe('2020 (inferred)');
    expect(formatPartialDate('2023-08-02', true)).toBe('2 Aug 2023 (inferred)');
    expect(formatPartialDate('2023-08-02', false)).toBe('2 Aug 2023');
  });
});

describe('precisionOf', () => {
  it('reads the precision from the length', () => {
    expect(precisionOf('2005')).toBe('year');
    expect(precisionOf('2005-10')).toBe('month');
    expect(precisionOf('2023-08-02')).toBe('day');
  });
});

describe('compareDates', () => {
  it('orders chronologically, coarser dates after the finer ones inside them', () => {
    const dates = ['2023-08-02', '2005', '2020-01', '2023-08', '2005-10', '2020', '2023-07-30', '2019-12-31', '2023'];
    expect([...dates].sort(compareDates)).toEqual([
      '2005-10',
      '2005',
      '2019-12-31',
      '2020-01',
      '2020',
      '2023-07-30',
      '2023-08-02',
      '2023-08',
      '2023',
    ]);
  });

  it('puts a year-only date after every exact date of that year, and before the next year', () => {
    expect(compareDates('2020', '2020-01-03')).toBeGreaterThan(0);
    expect(compareDates('2020', '2020-12-31')).toBeGreaterThan(0);
    expect(compareDates('2020-12', '2020')).toBeLessThan(0);
    expect(compareDates('2020', '2021-01-01')).toBeLessThan(0);
    expect(compareDates('2019-12', '2020')).toBeLessThan(0);
  });

  it('is antisymmetric and zero for equal dates', () => {
    expect(compareDates('2020', '2021')).toBeLessThan(0);
    expect(compareDates('2021', '2020')).toBeGreaterThan(0);
    expect(compareDates('2020-05', '2020')).toBeLessThan(0);
    expect(compareDates('2020', '2020-05')).toBeGreaterThan(0);
    expect(compareDates('2020-05-01', '2020-05-01')).toBe(0);
    expect(compareDates('2020', '2020')).toBe(0);
  });
});
