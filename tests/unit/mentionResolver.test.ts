import { describe, expect, it } from 'vitest';
import { MentionResolver, type Candidate } from '../../lib/core/mentionResolver';

const TIERS: Record<string, 'core' | 'related' | 'context'> = {
  'cis-moa': 'core',
  'asim-munir': 'related',
  'michael-kurilla': 'related',
  'mike-pompeo': 'context',
  'donald-trump': 'context',
};

const resolver = (): MentionResolver<string> => new MentionResolver<string>((id) => TIERS[id]);

/** ref = a readable label; needsFullName when the label ends in '*'. */
function c(entityId: string, ref: string): Candidate<string> {
  return { entityId, needsFullName: ref.endsWith('*'), ref };
}

describe('MentionResolver', () => {
  it('open() (a frame whose top page is about the story) releases held context names in the order fed, and shows later ones at once', () => {
    const r = resolver();
    expect(
      r.add([
        c('mike-pompeo', 'Mike Pompeo'),
        c('donald-trump', 'Donald Trump'),
        c('mike-pompeo', 'Pompeo*'),
        c('donald-trump', 'Trump#2'),
      ]),
    ).toEqual([]);
    expect(r.anchored).toBe(false);
    expect(r.open()).toEqual(['Mike Pompeo', 'Donald Trump', 'Pompeo*', 'Trump#2']);
    expect(r.anchored).toBe(true);
    expect(r.holding).toBe(false);
    expect(r.add([c('donald-trump', 'Trump#3')])).toEqual(['Trump#3']);
    // Already open: nothing more to release.
    expect(r.open()).toEqual([]);
  });

  it('open() leaves a surname whose full name never came held', () => {
    const r = resolver();
    expect(r.add([c('michael-kurilla', 'Kurilla*'), c('mike-pompeo', 'Mike Pompeo')])).toEqual([]);
    expect(r.open()).toEqual(['Mike Pompeo']);
    expect(r.holding).toBe(true);
    expect(r.add([c('michael-kurilla', 'Michael Kurilla')])).toEqual(['Kurilla*', 'Michael Kurilla']);
  });

  it('holds a surname before the full name and releases it, first, when the full name comes', () => {
    const r = resolver();
    expect(r.add([c('asim-munir', 'Munir#1*')])).toEqual([]);
    expect(r.add([c('asim-munir', 'Asim Munir'), c('asim-munir', 'Munir#2*')])).toEqual([
      'Munir#1*',
      'Asim Munir',
      'Munir#2*',
    ]);
    expect(r.add([c('asim-munir', 'Munir#3*')])).toEqual(['Munir#3*']);
  });

  it('a surname alone never opens the page, even with its full name held for a context entity', () => {
    const r = resolver();
    expect(r.add([c('michael-kurilla', 'Kurilla*')])).toEqual([]);
    expect(r.anchored).toBe(false);
    expect(r.add([c('michael-kurilla', 'Michael Erik Kurilla')])).toEqual(['Kurilla*', 'Michael Erik Kurilla']);
  });

  it("needs the same entity's full name", () => {
    const r = resolver();
    expect(r.add([c('asim-munir', 'Asim Munir'), c('michael-kurilla', 'Kurilla*')])).toEqual(['Asim Munir']);
  });

  it('holds context mentions until a core or related entity is accepted, then releases them in order', () => {
    const r = resolver();
    expect(r.add([c('mike-pompeo', 'Mike Pompeo#1')])).toEqual([]);
    expect(r.add([c('donald-trump', 'Donald Trump')])).toEqual([]);
    expect(
      r.add([c('mike-pompeo', 'Mike Pompeo#2'), c('cis-moa', 'CIS-MOA'), c('mike-pompeo', 'Mike Pompeo#3')]),
    ).toEqual(['Mike Pompeo#1', 'Donald Trump', 'Mike Pompeo#2', 'CIS-MOA', 'Mike Pompeo#3']);
    expect(r.add([c('donald-trump', 'Trump')])).toEqual(['Trump']);
  });

  it('says when it is anchored: after the first accepted core or related mention, until reset', () => {
    const r = resolver();
    r.add([c('mike-pompeo', 'Mike Pompeo'), c('asim-munir', 'Munir*')]);
    expect(r.anchored).toBe(false); // context names and a rejected surname do not anchor
    r.add([c('asim-munir', 'Asim Munir')]);
    expect(r.anchored).toBe(true);
    r.reset();
    expect(r.anchored).toBe(false);
  });

  it('never releases context mentions on their own', () => {
    const r = resolver();
    expect(r.add([c('mike-pompeo', 'Mike Pompeo')])).toEqual([]);
    expect(r.add([c('donald-trump', 'Donald Trump'), c('mike-pompeo', 'Pompeo*')])).toEqual([]);
    expect(r.add([c('mike-pompeo', 'Mike Pompeo#2')])).toEqual([]);
  });

  it('a held core/related surname does not release context mentions; its full name releases both, in order', () => {
    const r = resolver();
    r.add([c('mike-pompeo', 'Mike Pompeo')]);
    expect(r.add([c('asim-munir', 'Munir*')])).toEqual([]);
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['Mike Pompeo', 'Munir*', 'Asim Munir']);
  });

  it('a context surname needs both its full name and a core/related entity', () => {
    const r = resolver();
    expect(r.add([c('mike-pompeo', 'Pompeo#1*')])).toEqual([]); // no full name yet: held
    expect(r.add([c('mike-pompeo', 'Mike Pompeo'), c('mike-pompeo', 'Pompeo#2*')])).toEqual([]); // held: no core/related
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['Pompeo#1*', 'Mike Pompeo', 'Pompeo#2*', 'Asim Munir']);
    expect(r.add([c('mike-pompeo', 'Pompeo#3*')])).toEqual(['Pompeo#3*']);

    const r2 = resolver();
    expect(r2.add([c('cis-moa', 'CIS-MOA'), c('mike-pompeo', 'Pompeo*')])).toEqual(['CIS-MOA']);
  });

  it('forget drops held refs', () => {
    const r = resolver();
    r.add([c('mike-pompeo', 'Mike Pompeo#1'), c('mike-pompeo', 'Mike Pompeo#2')]);
    r.forget((ref) => ref === 'Mike Pompeo#1');
    expect(r.add([c('cis-moa', 'CIS-MOA')])).toEqual(['Mike Pompeo#2', 'CIS-MOA']);
  });

  it('reset forgets everything', () => {
    const r = resolver();
    r.add([c('mike-pompeo', 'Mike Pompeo#held')]);
    r.reset();
    expect(r.add([c('cis-moa', 'CIS-MOA')])).toEqual(['CIS-MOA']); // #held is gone

    r.add([c('asim-munir', 'Asim Munir')]);
    r.reset();
    // The full name and the core/related anchor are forgotten too.
    expect(r.add([c('asim-munir', 'Munir*'), c('mike-pompeo', 'Mike Pompeo#new')])).toEqual([]);
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['Munir*', 'Mike Pompeo#new', 'Asim Munir']);
  });

  it('rejects unknown entities and accepts an empty batch', () => {
    const r = resolver();
    expect(r.add([])).toEqual([]);
    expect(r.add([c('nobody', 'Nobody')])).toEqual([]);
    expect(r.add([c('cis-moa', 'CIS-MOA')])).toEqual(['CIS-MOA']);
  });

  it('works with object refs', () => {
    const r = new MentionResolver<{ node: number }>((id) => TIERS[id]);
    const a = { node: 1 };
    const b = { node: 2 };
    r.add([{ entityId: 'mike-pompeo', needsFullName: false, ref: a }]);
    expect(r.add([{ entityId: 'cis-moa', needsFullName: false, ref: b }])).toEqual([a, b]);
  });
});
