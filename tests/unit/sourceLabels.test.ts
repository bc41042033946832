import { describe, expect, it } from 'vitest';
import type { Conflict, Source } from '../../data/schema';
import { bundledDossier } from '../../lib/store/bundledDossier';
import { conflictType, sourceDateNote, sourceLabel } from '../../lib/core/sourceLabels';

const v1: Source = {
  id: 'x',
  outlet: 'Some Outlet',
  title: 'T',
  kind: 'news-report',
  date: '2023-08-04',
  file: '000_abc.txt',
  reliability: 'r',
};

describe('source labels for readers', () => {
  it('uses the dossier label, and never the file name', () => {
    for (const source of bundledDossier.sources) {
      expect(sourceLabel(source)).toBe(source.label);
      expect(sourceLabel(source)).not.toContain('.txt');
    }
  });

  it('makes a label from outlet and date for a version-1 source', () => {
    expect(sourceLabel(v1)).toBe('Some Outlet (4 Aug 2023)');
    expect(sourceLabel({ ...v1, date: 'undated' })).toBe('Some Outlet (undated)');
  });

  it('says how a date is known unless the document states it', () => {
    expect(sourceDateNote(v1)).toBeUndefined();
    expect(sourceDateNote({ ...v1, date: 'undated' })).toBe('The document is undated.');
    expect(sourceDateNote({ ...v1, dateBasis: 'forum-copy', dateNote: 'Date line of the forum copy.' })).toBe(
      'Date line of the forum copy.',
    );
    const forumCopy = bundledDossier.sources.find((s) => s.dateBasis === 'forum-copy');
    expect(forumCopy && sourceDateNote(forumCopy)).toBeTruthy();
  });

  it('reads a conflict without a type as sources that differ', () => {
    const c: Conflict = { id: 'c', entities: ['e'], topic: 't', positions: [] as never };
    expect(conflictType(c)).toBe('sources-differ');
    expect(conflictType({ ...c, type: 'single-source' })).toBe('single-source');
  });
});
