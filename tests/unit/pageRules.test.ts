/**
 * Page-level rules (lib/core/mentionResolver.ts) with the alias fields `surname` and `needsCue`, first on small
 * synthetic rule sets, then end to end on the real dossier: its matcher (compileMatcher) over a page's blocks, its
 * rules (pageRulesOf) and tiers deciding what is marked.
 */
import { describe, expect, it } from 'vitest';
import dossierJson from '../../data/dossier.json';
import * as v from 'valibot';
import { AliasSchema, parseDossier, type Entity } from '../../data/schema';
import { compileMatcher } from '../../lib/core/matcher';
import { MentionResolver, aliasKey, pageRulesOf, type Candidate } from '../../lib/core/mentionResolver';

type Tier = Entity['tier'];

describe('AliasSchema page-rule fields', () => {
  const ok = (alias: unknown) => v.safeParse(AliasSchema, alias).success;
  it('takes `surname` only on surname-only forms, and `needsCue` only on others', () => {
    expect(ok({ text: 'Munir', match: 'name', afterFullName: true, surname: 'needs-full-name' })).toBe(true);
    expect(ok({ text: 'Kurilla', match: 'name', afterFullName: true, surname: 'distinctive' })).toBe(true);
    expect(ok({ text: 'Kurilla', match: 'name', surname: 'distinctive' })).toBe(false);
    expect(ok({ text: 'Kurilla', match: 'name', afterFullName: true, surname: 'rare' })).toBe(false);
    expect(
      ok({
        text: 'IMET',
        match: 'acronym',
        needsCue: { entities: ['cis-moa'], phrases: ['Pakistan'], notPhrases: ['Baltimore'] },
      }),
    ).toBe(true);
    expect(ok({ text: 'IMET', match: 'acronym', needsCue: { entities: ['Not An Id'] } })).toBe(false);
    expect(ok({ text: 'Munir', match: 'name', afterFullName: true, needsCue: {} })).toBe(false);
  });
});

describe('aliasKey', () => {
  it('is the same for an alias and any text the matcher matches with it', () => {
    expect(aliasKey('Gen. Bajwa')).toBe('gen bajwa');
    expect(aliasKey('GEN\u00a0 BAJWA')).toBe('gen bajwa');
    expect(aliasKey('Ku\u00adrilla')).toBe('kurilla');
    expect(aliasKey('CIS‑MOA')).toBe(aliasKey('CIS MOA'));
  });
});

describe('MentionResolver with page rules', () => {
  const entities: Pick<Entity, 'id' | 'aliases'>[] = [
    { id: 'cis-moa', aliases: [{ text: 'CIS-MOA', match: 'acronym' }] },
    {
      id: 'imet',
      aliases: [
        {
          text: 'IMET',
          match: 'acronym',
          needsCue: { entities: ['asim-munir', 'mike-pompeo'], phrases: ['Pakistan'], notPhrases: ['Baltimore'] },
        },
        { text: 'International Military Education and Training', match: 'name' },
      ],
    },
    {
      id: 'asim-munir',
      aliases: [
        { text: 'Asim Munir', match: 'name' },
        { text: 'Munir', match: 'name', afterFullName: true, surname: 'needs-full-name' },
      ],
    },
    {
      id: 'michael-kurilla',
      aliases: [
        { text: 'Michael Kurilla', match: 'name' },
        { text: 'Kurilla', match: 'name', afterFullName: true, surname: 'distinctive' },
      ],
    },
    {
      id: 'mike-pompeo',
      aliases: [
        { text: 'Mike Pompeo', match: 'name' },
        { text: 'Pompeo', match: 'name', afterFullName: true, surname: 'distinctive' },
      ],
    },
    { id: 'centcom', aliases: [{ text: 'CENTCOM', match: 'acronym' }] },
  ];
  const tiers: Record<string, Tier> = {
    'cis-moa': 'core',
    imet: 'core',
    'asim-munir': 'related',
    'michael-kurilla': 'related',
    'mike-pompeo': 'context',
    centcom: 'context',
  };
  const resolver = () => new MentionResolver<string>((id) => tiers[id], pageRulesOf(entities));
  /** ref = text#n; a trailing '*' marks a surname-only form; context = the block's text. */
  const c = (entityId: string, ref: string, context?: string): Candidate<string> => ({
    entityId,
    needsFullName: ref.endsWith('*'),
    text: ref.replace(/[#*].*$/, ''),
    context,
    ref,
  });

  it('a distinctive surname counts without its full name, but only on a page about the story, and never opens it', () => {
    const r = resolver();
    expect(r.add([c('michael-kurilla', 'Kurilla#1*')])).toEqual([]);
    expect(r.anchored).toBe(false);
    expect(r.add([c('cis-moa', 'CIS-MOA')])).toEqual(['Kurilla#1*', 'CIS-MOA']);
    expect(r.add([c('mike-pompeo', 'Pompeo*')])).toEqual(['Pompeo*']);
  });

  it('a needs-full-name surname on a page about the story still waits for its full name, after it or before', () => {
    const r = resolver();
    expect(r.add([c('cis-moa', 'CIS-MOA'), c('asim-munir', 'Munir#1*')])).toEqual(['CIS-MOA']);
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['Munir#1*', 'Asim Munir']);
  });

  it('context-tier names never open a page, however many', () => {
    const r = resolver();
    expect(r.add([c('centcom', 'CENTCOM#1'), c('mike-pompeo', 'Mike Pompeo'), c('centcom', 'CENTCOM#2')])).toEqual([]);
    expect(r.anchored).toBe(false);
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['CENTCOM#1', 'Mike Pompeo', 'CENTCOM#2', 'Asim Munir']);
  });

  it('an acronym that needs a cue is held until a cue entity turns up anywhere, then opens the page', () => {
    const r = resolver();
    expect(r.add([c('imet', 'IMET#1', 'IMET trains officers.')])).toEqual([]);
    expect(r.anchored).toBe(false);
    expect(r.awaitingCue).toBe(true);
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['IMET#1', 'Asim Munir']);
    expect(r.add([c('imet', 'IMET#2', 'More on IMET.')])).toEqual(['IMET#2']);
  });

  it('a context-tier cue entity cues the acronym while itself held, and both show once it opens the page', () => {
    const r = resolver();
    expect(r.add([c('mike-pompeo', 'Mike Pompeo'), c('centcom', 'CENTCOM')])).toEqual([]);
    expect(r.add([c('imet', 'IMET', 'IMET was restored.')])).toEqual(['Mike Pompeo', 'CENTCOM', 'IMET']);
    expect(r.anchored).toBe(true);
  });

  it('a cue phrase in its own block, or the entity\u2019s full name, cues the acronym; a not-phrase rejects it', () => {
    const r = resolver();
    expect(r.add([c('imet', 'IMET#1', 'IMET for Pakistan was restored.')])).toEqual(['IMET#1']);
    const r2 = resolver();
    expect(r2.add([c('imet', 'IMET#1', 'IMET is back.')])).toEqual([]);
    expect(r2.add([c('imet', 'International Military Education and Training')])).toEqual([
      'IMET#1',
      'International Military Education and Training',
    ]);
    const r3 = resolver();
    expect(r3.add([c('imet', 'IMET#1', 'IMET, the Baltimore institute, said.')])).toEqual([]);
    expect(r3.add([c('asim-munir', 'Asim Munir'), c('imet', 'IMET#2', 'IMET again.')])).toEqual(['Asim Munir']);
    expect(r3.add([c('imet', 'IMET#3', 'IMET for Pakistan.')])).toEqual(['IMET#3']);
  });

  it('held refs can be forgotten, and the rest still come out in the order fed', () => {
    const r = resolver();
    r.add([c('michael-kurilla', 'Kurilla#1*'), c('imet', 'IMET#1', 'IMET'), c('asim-munir', 'Munir#1*')]);
    r.forget((ref) => ref === 'IMET#1');
    expect(r.holding).toBe(true);
    expect(r.awaitingCue).toBe(false);
    expect(r.add([c('asim-munir', 'Asim Munir')])).toEqual(['Kurilla#1*', 'Munir#1*', 'Asim Munir']);
    expect(r.holding).toBe(false);
  });
});

describe('the dossier on pages', () => {
  const parsed = parseDossier(dossierJson);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const entities = parsed.dossier.entities;
  const matcher = compileMatcher(entities);
  const rules = pageRulesOf(entities);
  const tierOf = new Map(entities.map((e) => [e.id, e.tier]));

  /** What a page of these blocks (in document order) gets marked: [entity, text]. */
  function marks(...blocks: string[]): [string, string][] {
    const r = new MentionResolver<[string, string]>((id) => tierOf.get(id), rules);
    const out: [string, string][] = [];
    for (const block of blocks) {
      const candidates = matcher.find(block).map((hit) => {
        const text = block.slice(hit.start, hit.end);
        return {
          entityId: hit.entityId,
          needsFullName: hit.needsFullName,
          text,
          context: block,
          ref: [hit.entityId, text] as [string, string],
        };
      });
      out.push(...r.add(candidates));
    }
    return out;
  }
  /** The entity ids the matcher finds in a text, in order. */
  const found = (text: string) => matcher.find(text).map((h) => h.entityId);

  it('a surname before the full name: the headline counts once the body names the person', () => {
    expect(
      marks('COAS Munir, Centcom chief discuss ties', 'Army chief Asim Munir met the commander on Tuesday.'),
    ).toEqual([
      ['asim-munir', 'Munir'],
      ['centcom', 'Centcom'],
      ['asim-munir', 'Asim Munir'],
    ]);
    // Without the full name the surname stays unmarked, and so does everything else.
    expect(marks('COAS Munir, Centcom chief discuss ties', 'The army chief met the commander.')).toEqual([]);
  });

  it('organisations, outlets and widely known names open nothing', () => {
    expect(marks('CENTCOM said its forces struck Houthi radar sites in Yemen.')).toEqual([]);
    expect(marks('The IRGC fired missiles; the Islamic Revolutionary Guard Corps said Tehran would respond.')).toEqual(
      [],
    );
    expect(marks('Letters: a reader from Carlisle writes about the US Army War College.')).toEqual([]);
    expect(marks('The Express Tribune reported that Donald Trump met Mike Pompeo; Pompeo said little.')).toEqual([]);
    expect(marks('Joint Staff Headquarters hosted Marriyum Aurangzeb.')).toEqual([]);
  });

  it('IMET: the Baltimore institute stays unmarked, the programme is marked', () => {
    expect(
      marks(
        'IMET, the Institute of Marine and Environmental Technology in Baltimore, studies crabs.',
        'IMET scientists said.',
      ),
    ).toEqual([]);
    expect(marks('IMET scientists study blue crabs in the Chesapeake Bay.')).toEqual([]);
    expect(marks('Washington restored Pakistan’s access to IMET.')).toEqual([['imet', 'IMET']]);
    expect(marks('IMET places foreign officers at US schools.', 'The CIS-MOA was renewed.')).toEqual([
      ['imet', 'IMET'],
      ['cis-moa', 'CIS-MOA'],
    ]);
    expect(marks('IMET is back.', 'Gen Asim Munir welcomed it.')).toEqual([
      ['imet', 'IMET'],
      ['asim-munir', 'Asim Munir'],
    ]);
  });

  it('"Central Command" alone counts on a page about Kurilla, not on other pages', () => {
    expect(marks('Asim Munir met Michael Kurilla, who leads Central Command.')).toEqual([
      ['asim-munir', 'Asim Munir'],
      ['michael-kurilla', 'Michael Kurilla'],
      ['centcom', 'Central Command'],
    ]);
    expect(marks('Asim Munir spoke. Central Command is in Tampa.')).toEqual([['asim-munir', 'Asim Munir']]);
    expect(
      marks('Asim Munir spoke. Israel’s Central Command and the IDF Central Command moved.', 'CENTCOM said.'),
    ).toEqual([
      ['asim-munir', 'Asim Munir'],
      ['centcom', 'CENTCOM'],
    ]);
  });

  it("CENTCOM's commander alone does not make a strike report about the story", () => {
    expect(
      marks(
        'CENTCOM said its forces struck targets in Yemen.',
        'Gen. Michael Erik Kurilla, the CENTCOM commander, said the Trump administration backed it.',
      ),
    ).toEqual([]);
    expect(marks('Senator Kurilla and Erik Kurilla of the county council met.')).toEqual([]);
  });

  it('a headline surname is marked once the body makes the page about the story', () => {
    expect(
      marks(
        'US Dials Pak Army Chief After Killing Soleimani',
        'Hours after the strike on Qassem Soleimani, Mike Pompeo called Gen Qamar Javed Bajwa.',
      ),
    ).toEqual([
      ['pakistan-army', 'Pak Army'],
      ['qassem-soleimani', 'Soleimani'],
      ['qassem-soleimani', 'Qassem Soleimani'],
      ['mike-pompeo', 'Mike Pompeo'],
      ['qamar-javed-bajwa', 'Qamar Javed Bajwa'],
    ]);
  });

  it("a general's rank and surname stand alone on a page about the story; the bare surname does not", () => {
    expect(marks('The CIS-MOA was renewed.', 'Gen Munir met US officials; Bajwa had backed the pact.')).toEqual([
      ['cis-moa', 'CIS-MOA'],
      ['asim-munir', 'Gen Munir'],
    ]);
  });

  it('matches the variants real pages use', () => {
    const cases: [string, string][] = [
      ['cis-moa', 'CIS-MoA'],
      ['cis-moa', 'CISMoA'],
      ['cis-moa', 'Communications Interoperability and Security Memorandum of Agreement'],
      ['pakistan-federal-cabinet', 'Pakistan’s Cabinet'],
      ['pakistan-foreign-ministry', "Pakistan's Foreign Office"],
      ['us-department-of-defense', 'US Defence Department'],
      ['irgc', 'Revolutionary Guard'],
      ['centcom', 'USCENTCOM'],
      ['centcom', 'CentCom'],
      ['qassem-soleimani', 'Qasim Soleimani'],
      ['qassem-soleimani', 'Qassim Suleimani'],
      ['osama-bin-laden', 'Usama bin Ladin'],
      ['marriyum-aurangzeb', 'Maryum Aurangzeb'],
      ['marriyum-aurangzeb', 'Mariam Aurangzeb'],
      ['michael-kurilla', 'Michael E. Kurilla'],
    ];
    for (const [id, text] of cases)
      expect(marks('The CIS-MOA was renewed.', `On ${text} today.`), text).toContainEqual([id, text]);
    expect(marks('Asim Munir was promoted.', 'Field Marshal Munir said.')).toContainEqual([
      'asim-munir',
      'Field Marshal Munir',
    ]);
  });

  it('keeps the false friends out', () => {
    const page = (text: string) => marks('The CIS-MOA was renewed.', text).slice(1);
    expect(page('Shehbaz Sharif spoke; Hamza Shehbaz Sharif did not.')).toEqual([['shehbaz-sharif', 'Shehbaz Sharif']]);
    expect(page('Michael Kurilla visited. Senator Kurilla voted no.')).toEqual([
      ['michael-kurilla', 'Michael Kurilla'],
    ]);
    expect(page('Australia’s Department of Defence bought drones.')).toEqual([]);
    expect(page('Asim Munir met him. Munir Ahmed, a spokesman, said so.')).toEqual([['asim-munir', 'Asim Munir']]);
    expect(page('Munir Akram, the envoy, spoke.')).toEqual([]);
  });

  it('names only existing entities as cues', () => {
    const ids = new Set(entities.map((e) => e.id));
    for (const e of entities)
      for (const a of e.aliases)
        for (const id of a.needsCue?.entities ?? []) expect(ids.has(id), `${e.id}: ${a.text} → ${id}`).toBe(true);
  });

  it('never makes a role an alias of a person', () => {
    const roles = new Set(['coas', 'army chief', 'centcom chief', 'chief of army staff', 'field marshal', 'general']);
    for (const e of entities.filter((x) => x.kind === 'person'))
      for (const a of e.aliases) expect(roles.has(aliasKey(a.text)), `${e.id}: ${a.text}`).toBe(false);
  });

  it('finds the names written in Urdu and in Devanagari', () => {
    const cases: [string, string][] = [
      ['asim-munir', 'آرمی چیف جنرل سید عاصم منیر نے ملاقات کی'],
      ['asim-munir', 'जनरल आसिम मुनीर ने मुलाकात की'],
      ['asim-munir', 'जनरल असीम मुनीर से मुलाकात की'],
      ['qamar-javed-bajwa', 'جنرل قمر جاوید باجوہ سے رابطہ کیا'],
      ['qamar-javed-bajwa', 'सेना प्रमुख कमर जावेद बाजवा को फोन'],
      ['qamar-javed-bajwa', 'जनरल क़मर जावेद बाजवा'],
      ['michael-kurilla', 'کمانڈر جنرل مائیکل ایرک کوریلا نے'],
      ['michael-kurilla', 'जनरल माइकल एरिक कुरिला ने'],
      ['michael-kurilla', 'जनरल माइकल एरिक कुरिल्ला से'],
      ['mike-pompeo', 'وزیر خارجہ مائیک پومپیو نے'],
      ['mike-pompeo', 'विदेश मंत्री माइक पोम्पियो ने'],
      ['qassem-soleimani', 'جنرل قاسم سلیمانی کی ہلاکت'],
      ['qassem-soleimani', 'मेजर जनरल क़ासिम सुलेमानी'],
      ['qassem-soleimani', 'मेजर जनरल कासिम सुलेमानी'],
      ['shehbaz-sharif', 'وزیر اعظم شہباز شریف نے'],
      ['shehbaz-sharif', 'प्रधानमंत्री शहबाज़ शरीफ़ ने'],
      ['shehbaz-sharif', 'प्रधानमंत्री शहबाज शरीफ ने'],
      ['marriyum-aurangzeb', 'मंत्री मरियम औरंगजेब ने'],
      ['cis-moa', 'इस समझौते को सीआईएस-एमओए कहा जाता है'],
      ['cis-moa', 'कम्युनिकेशन इंटरऑपरेबिलिटी एंड सिक्यॉरिटी मेमोरेंडम ऑफ एग्रीमेंट जिसे'],
      ['cis-moa', 'कम्यूनिकेशन इंटर ऑपरेबिलिटी एंड सिक्योरिटी मेमोरेंडम ऑफ एग्रीमेंट (CIS-MOA)'],
      ['imet', 'پاکستان کے لیے انٹرنیشنل ملٹری ایجوکیشن اینڈ ٹریننگ پروگرام'],
      ['imet', 'بین الاقوامی ملٹری ایجوکیشن اور ٹریننگ پروگرام (آئی ایم ای ٹی)'],
    ];
    for (const [id, text] of cases) expect(found(text), text).toContain(id);
    // Written with the nukta as two code points (क + ़), the normalised form pages carry.
    expect(found('मेजर जनरल क\u093cासिम सुलेमानी'.normalize('NFC'))).toContain('qassem-soleimani');
    expect(found('शहबाज\u093c शरीफ\u093c'.normalize('NFC'))).toContain('shehbaz-sharif');
  });

  it('marks an Urdu page about the story', () => {
    expect(marks('آرمی چیف جنرل عاصم منیر سے امریکی کمانڈر جنرل مائیکل ایرک کوریلا کی ملاقات')).toEqual([
      ['asim-munir', 'عاصم منیر'],
      ['michael-kurilla', 'مائیکل ایرک کوریلا'],
    ]);
  });

  it('marks bodies and surnames on Urdu and Hindi pages about the story', () => {
    expect(
      marks(
        'پاکستان کی وفاقی کابینہ نے سی آئی ایس-ایم او اے کی منظوری دی۔',
        'جنرل عاصم منیر نے کہا۔ منیر نے امریکی محکمہ دفاع کا شکریہ ادا کیا۔',
      ),
    ).toEqual([
      ['pakistan-federal-cabinet', 'پاکستان کی وفاقی کابینہ'],
      ['cis-moa', 'سی آئی ایس-ایم او اے'],
      ['asim-munir', 'عاصم منیر'],
      ['asim-munir', 'منیر'],
      ['us-department-of-defense', 'امریکی محکمہ دفاع'],
    ]);
    expect(
      marks(
        'बाजवा ने कहा। जनरल क़मर जावेद बाजवा से माइक पोम्पियो ने बात की; पोम्पियो ने अमेरिकी विदेश विभाग की ओर से आईएमईटी की बहाली बताई।',
      ),
    ).toEqual([
      ['qamar-javed-bajwa', 'बाजवा'],
      ['qamar-javed-bajwa', 'क़मर जावेद बाजवा'],
      ['mike-pompeo', 'माइक पोम्पियो'],
      ['mike-pompeo', 'पोम्पियो'],
      ['us-state-department', 'अमेरिकी विदेश विभाग'],
      ['imet', 'आईएमईटी'],
    ]);
  });
});

/**
 * Letter variants the matcher folds (lib/core/matcher.ts): the dossier lists each name once, in the letters Urdu and
 * Hindi outlets use; pages also carry Arabic letters for the Urdu ones (ي ك ه), precomposed nukta letters, soft
 * hyphens and zero-width characters.
 */
describe('the dossier’s Urdu and Hindi names with letter variants', () => {
  const parsed = parseDossier(dossierJson);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const matcher = compileMatcher(parsed.dossier.entities);
  const found = (text: string) => matcher.find(text).map((h) => h.entityId);

  it('Arabic yeh, kaf and heh for the Urdu letters', () => {
    expect(found('جنرل عاصم منير نے')).toContain('asim-munir'); // ي for ی
    expect(found('جنرل قمر جاويد باجوه سے')).toContain('qamar-javed-bajwa'); // ي for ی, ه for ہ
    expect(found('جنرل مائيكل ايرك كوريلا نے')).toContain('michael-kurilla'); // ك for ک
  });

  it('precomposed nukta letters', () => {
    expect(found('मेजर जनरल \u0958ासिम सुलेमानी')).toContain('qassem-soleimani');
    expect(found('\u0958मर जावेद बाजवा')).toContain('qamar-javed-bajwa');
  });

  it('invisible characters inside a name', () => {
    expect(found('Gen Asim Mu\u00adnir said')).toContain('asim-munir');
    expect(found('عاصم\u200c منیر')).toContain('asim-munir');
  });
});
