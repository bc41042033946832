/**
 * Deterministic synthetic entities for scaling measurements of the matcher: people ("Given Family" plus a
 * surname-only afterFullName alias, sometimes "Gen Family"), organisations ("Ministry of …", "National … Authority",
 * with their acronyms) and stand-alone acronyms ("NDAC"). Also the name pools, so the benchmark text can mention
 * people that the big alias sets know.
 */
import type { MatchableEntity } from '../../lib/core/matcher';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const GIVEN_NAMES = (
  'Ahmed Ali Amir Asad Ayesha Bilal Daniyal Farah Faisal Fatima Hamza Hassan Hina Imran Irfan Javed Kamran ' +
  'Khalid Laila Mahnoor Maryam Mohsin Nadia Naveed Omar Rashid Rehan Saad Sadia Salman Sana Shahid Shireen ' +
  'Tahir Tariq Usman Waqar Yasir Zainab Zubair Adam Alice Andrew Anna Benjamin Carlos Catherine Charles ' +
  'Christopher Claire Daniel David Deborah Edward Elena Emily Eric Frank George Grace Hannah Helen Henry Isaac ' +
  'Jacob James Jane Jennifer Jessica John Jonathan Joseph Julia Karen Kevin Laura Linda Lucas Margaret Maria ' +
  'Martin Matthew Megan Michelle Nathan Nicholas Olivia Patrick Paul Peter Rachel Rebecca Richard Robert ' +
  'Samuel Sarah Sophia Stephen Steven Susan Thomas Timothy Victoria William Aleksandr Dmitri Olga Sergei ' +
  'Wei Li Ming Hiroshi Yuki Kenji Priya Rahul Anil Sunita Vikram Deepak Kofi Amara Chidi Ngozi Tunde'
).split(' ');

export const FAMILY_NAMES = (
  'Abbasi Afridi Akhtar Alvi Ansari Awan Baig Butt Chaudhry Dar Durrani Farooqi Gilani Haider Hashmi Iqbal ' +
  'Jamali Jatoi Kazmi Khattak Khokhar Lodhi Malik Mengal Mirza Naqvi Niazi Qureshi Rana Rizvi Sheikh Siddiqui ' +
  'Soomro Sultan Tarar Toor Wattoo Yousafzai Zaidi Zardari Abbott Adams Baker Barnes Bennett Brooks Carter ' +
  'Clarke Collins Cooper Davies Dawson Ellis Evans Fisher Fletcher Foster Gardner Gibson Graham Griffin ' +
  'Hamilton Harper Hayes Henderson Holmes Howard Hughes Hunt Jenkins Jordan Kelly Kennedy Lambert Lawson ' +
  'Marshall Mason Matthews Mitchell Morgan Murphy Murray Nelson Owens Palmer Parker Perry Porter Powell ' +
  'Reynolds Richards Robertson Russell Shaw Simmons Spencer Stevens Sullivan Thornton Tucker Wallace Warren ' +
  'Webb Wells Wheeler Whitaker Ivanov Petrov Sokolov Zhang Wang Chen Tanaka Sato Suzuki Sharma Gupta Mehta ' +
  'Reddy Okafor Adeyemi Mensah Okonkwo Diallo Haddad Nasser Rahimi Karimi'
).split(' ');

const DOMAINS = (
  'Finance Defence Foreign Affairs Interior Education Health Energy Water Resources Railways Communications ' +
  'Information Technology Commerce Industries Production Planning Development Climate Change Maritime ' +
  'Housing Works Law Justice Human Rights Religious Affairs Science Culture Heritage Food Security ' +
  'Agriculture Petroleum Aviation Statistics Privatisation Labour Overseas Employment Narcotics Control ' +
  'Poverty Alleviation Tourism Sports Youth Women Parliamentary Kashmir Federal Education'
).split(' ');
const ADJECTIVES = (
  'National Federal Central Joint Strategic Provincial Regional Pakistan American Combined Allied Special ' +
  'Integrated Unified Standing Permanent Supreme Inter Services Naval Air'
).split(' ');
const BODIES = (
  'Authority Board Council Commission Command Directorate Bureau Agency Institute Corporation Committee ' +
  'Secretariat Division Office Academy Centre'
).split(' ');
const RANKS = ['Gen', 'General', 'Lt Gen', 'Maj Gen', 'Adm', 'Secretary', 'Minister'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function acronymOf(words: string[]): string {
  return words
    .filter((w) => w !== 'of' && w !== 'and' && w !== 'for' && w !== 'the')
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function randomAcronym(rand: () => number): string {
  const len = 3 + Math.floor(rand() * 3);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCharCode(65 + Math.floor(rand() * 26));
  return s;
}

/** About n aliases (never fewer) spread over people, organisations and acronyms. Deterministic per seed. */
export function syntheticEntities(n: number, seed = 1): MatchableEntity[] {
  const rand = prng(seed);
  const out: MatchableEntity[] = [];
  const tiers = ['core', 'related', 'context'] as const;
  let count = 0;
  let id = 0;
  while (count < n) {
    const r = rand();
    const tier = tiers[Math.floor(rand() * 3)]!;
    const aliases: MatchableEntity['aliases'] = [];
    if (r < 0.45) {
      const given = pick(rand, GIVEN_NAMES);
      const family = pick(rand, FAMILY_NAMES);
      aliases.push({ text: `${given} ${family}`, match: 'name' });
      aliases.push({ text: family, match: 'name', afterFullName: true });
      if (rand() < 0.3) aliases.push({ text: `${pick(rand, RANKS)} ${family}`, match: 'name', afterFullName: true });
    } else if (r < 0.8) {
      let words: string[];
      const shape = rand();
      if (shape < 0.35) {
        words = ['Ministry', 'of', pick(rand, DOMAINS)];
        if (rand() < 0.4) words.push('and', pick(rand, DOMAINS));
      } else if (shape < 0.75) {
        words = [pick(rand, ADJECTIVES), pick(rand, DOMAINS), pick(rand, BODIES)];
      } else {
        words = [pick(rand, BODIES), 'for', pick(rand, DOMAINS), pick(rand, DOMAINS)];
      }
      aliases.push({ text: words.join(' '), match: 'name' });
      if (rand() < 0.6) aliases.push({ text: acronymOf(words), match: 'acronym' });
    } else {
      aliases.push({ text: randomAcronym(rand), match: 'acronym' });
      if (rand() < 0.3) aliases.push({ text: `${randomAcronym(rand)}-${randomAcronym(rand)}`, match: 'acronym' });
    }
    out.push({ id: `syn-${id++}`, tier, aliases });
    count += aliases.length;
  }
  return out;
}

export function aliasCount(entities: readonly MatchableEntity[]): number {
  let n = 0;
  for (const e of entities) n += e.aliases.length + (e.falseFriends?.length ?? 0);
  return n;
}

/** Everyday words of news prose, for generated benchmark text (with a few accented and hyphenated forms). */
export const COMMON = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have ' +
  'an they you were her had she there been one their all also has would its more when who will said after ' +
  'about over new two first officials military government security defence army agreement cooperation ' +
  'training talks meeting visit minister foreign ministry week year month country countries forces state ' +
  'according report reported statement spokesman sources told press conference relations between ' +
  'bilateral strategic regional economic assistance programme funding equipment exercises joint officers ' +
  'senior chief command staff headquarters border region support policy decision announced expected ' +
  'during under against since while because however although despite including several many some most ' +
  'other such those these into than then them only could should may might must can did does done ' +
  'communications interoperability memorandum signed renewed suspended resumed counterterrorism ' +
  'intelligence sharing procurement aircraft helicopters drones radar systems software encrypted ' +
  'parliament opposition senator analysts diplomats observers critics supporters ‘unprecedented’ ' +
  'well-known long-term high-level follow-up so-called café naïve résumé coöperation'
).split(' ');

/** Place names that appear in such stories. */
export const PLACES =
  'Islamabad Rawalpindi Washington Tampa Kabul Beijing Lahore Karachi Peshawar Quetta Moscow Delhi'.split(' ');
