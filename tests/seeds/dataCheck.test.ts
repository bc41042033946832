/**
 * Runs the real data-check CLI against the real seed documents. Needs the shared seeds, so it is not part
 * of the unit suite: `npx vitest run tests/seeds`. The seeds are looked up in $INCONTEXT_SHARED/seeds, or
 * ../shared/seeds next to the repository.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(__dirname, '../..');
const sharedDir = process.env.INCONTEXT_SHARED
  ? path.resolve(process.env.INCONTEXT_SHARED)
  : path.resolve(__dirname, '../../../shared');
const seedsDir = path.join(sharedDir, 'seeds');
const dossierPath = path.join(repoRoot, 'data', 'dossier.json');

/** Seed 003 (Mint with ANI inputs): the file the broken-seed test tampers with. */
const MINT_SEED = '003_149d1efbfd6081fa.txt';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function dataCheck(...args: string[]): Run {
  const result = spawnSync('npx', ['tsx', 'lib/cli/dataCheck.ts', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stderr without npm's own warnings (e.g. about user config), so assertions see only the checker. */
function checkerLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm warn'));
}

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('data-check CLI against the shared seeds', { timeout: 120_000 }, () => {
  let work: string;

  beforeAll(() => {
    if (!existsSync(seedsDir)) {
      throw new Error(
        `Seed documents not found at ${seedsDir}: set INCONTEXT_SHARED to the directory that holds seeds/`,
      );
    }
    work = mkdtempSync(path.join(tmpdir(), 'incontext-data-check-'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('passes on the real dossier and seeds (exit 0, one-line summary)', () => {
    const run = dataCheck('--seeds', seedsDir);
    expect(checkerLines(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^data-check: OK: 5 sources, \d+ entities, \d+ facts, \d+ events, \d+ conflicts/);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('fails (exit 1) naming the file when a quoted sentence in seed 003 is altered', () => {
    const dossier = JSON.parse(readFileSync(dossierPath, 'utf8'));
    const mintSource = dossier.sources.find((s: { file: string }) => s.file === MINT_SEED);
    expect(mintSource, `no source cites ${MINT_SEED}`).toBeDefined();

    // Pick a quote the dossier takes from 003 that appears in the file as is, and change one word of it.
    const original = readFileSync(path.join(seedsDir, MINT_SEED), 'utf8');
    const quotes: string[] = [
      ...dossier.facts.flatMap((f: { evidence: { source: string; quote: string }[] }) => f.evidence),
      ...dossier.events.flatMap((e: { evidence: { source: string; quote: string }[] }) => e.evidence),
    ]
      .filter((e: { source: string }) => e.source === mintSource.id)
      .map((e: { quote: string }) => e.quote);
    const target =
      quotes.find((q) => q.includes('July') && original.includes(q)) ?? quotes.find((q) => original.includes(q));
    expect(target, 'no quote from 003 found verbatim in the seed').toBeDefined();
    const words = target!.split(' ');
    const middle = Math.floor(words.length / 2);
    words[middle] = `${words[middle]}-ALTERED`;
    const broken = original.split(target!).join(words.join(' '));
    expect(broken).not.toBe(original);

    const seedsCopy = path.join(work, 'seeds-broken');
    cpSync(seedsDir, seedsCopy, { recursive: true });
    writeFileSync(path.join(seedsCopy, MINT_SEED), broken);

    const run = dataCheck('--seeds', seedsCopy);
    expect(run.status).toBe(1);
    const lines = checkerLines(run.stderr);
    const problems = lines.filter((line) => !line.startsWith('data-check:'));
    expect(problems.length).toBeGreaterThan(0);
    for (const line of problems) {
      expect(line).toContain(`(file ${MINT_SEED})`);
      expect(line).toContain(`quote not found in source "${mintSource.id}"`);
    }
    expect(problems.some((line) => line.includes(`"${normalise(target!).slice(0, 30)}`))).toBe(true);
    expect(run.stdout).toBe('');
  });

  it('fails (exit 1) naming the dangling id when the dossier refers to an unknown entity', () => {
    const dossier = JSON.parse(readFileSync(dossierPath, 'utf8'));
    const factId: string = dossier.facts[0].id;
    dossier.facts[0].entities.push('no-such-entity');
    const brokenDossier = path.join(work, 'dossier-dangling.json');
    writeFileSync(brokenDossier, JSON.stringify(dossier, null, 2));

    const run = dataCheck('--seeds', seedsDir, '--dossier', brokenDossier);
    expect(run.status).toBe(1);
    const problems = checkerLines(run.stderr).filter((line) => !line.startsWith('data-check:'));
    expect(problems).toEqual([
      `facts[0] "${factId}": entities[${dossier.facts[0].entities.length - 1}] "no-such-entity" is not an entity id`,
    ]);
  });

  it('exits 2 with a clear message when the seeds directory does not exist', () => {
    const missing = path.join(work, 'no-seeds-here');
    const run = dataCheck('--seeds', missing);
    expect(run.status).toBe(2);
    expect(checkerLines(run.stderr).join('\n')).toContain(`seeds: cannot read directory "${missing}"`);
  });

  it('fails (exit 1) when reader-facing text names a seed file, as the first dossier did', () => {
    const dossier = JSON.parse(readFileSync(dossierPath, 'utf8'));
    const index = dossier.entities.findIndex((e: { id: string }) => e.id === 'us-department-of-defense');
    dossier.entities[index].description = 'Seeds 000 and 003 spell it "Department of Defence".';
    const brokenDossier = path.join(work, 'dossier-seed-names.json');
    writeFileSync(brokenDossier, JSON.stringify(dossier, null, 2));

    const run = dataCheck('--seeds', seedsDir, '--dossier', brokenDossier);
    expect(run.status).toBe(1);
    expect(checkerLines(run.stderr).filter((line) => !line.startsWith('data-check:'))).toEqual([
      `entities[${index}] "us-department-of-defense": description names the seed reference "Seeds 000"; reader-facing text must not`,
    ]);
  });

  it('exits 2 with usage on an unknown option or a stray argument, and 0 on --help', () => {
    const unknown = dataCheck('--seed', seedsDir);
    expect(unknown.status).toBe(2);
    expect(checkerLines(unknown.stderr).join('\n')).toContain("Unknown option '--seed'");
    expect(checkerLines(unknown.stderr).join('\n')).toContain('usage: tsx lib/cli/dataCheck.ts --seeds <dir>');

    const stray = dataCheck('--seeds', seedsDir, 'extra');
    expect(stray.status).toBe(2);
    expect(checkerLines(stray.stderr).join('\n')).toContain("Unexpected argument 'extra'");

    const help = dataCheck('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: tsx lib/cli/dataCheck.ts --seeds <dir>');
  });

  it('accepts --seeds=<dir> and exits 2 when --seeds has no value', () => {
    expect(dataCheck(`--seeds=${seedsDir}`).status).toBe(0);
    const run = dataCheck('--seeds');
    expect(run.status).toBe(2);
    expect(checkerLines(run.stderr).join('\n')).toContain("Option '--seeds <value>' argument missing");
  });

  it('exits 2 with usage when --seeds is missing', () => {
    const run = dataCheck();
    expect(run.status).toBe(2);
    expect(checkerLines(run.stderr).join('\n')).toContain('--seeds <dir> is required');
  });
});
