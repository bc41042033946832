/**
 * Checks the bundled dossier against the seed documents it was written from.
 *
 *   tsx lib/cli/dataCheck.ts --seeds <dir> [--dossier data/dossier.json]
 *
 * Exit 0: the dossier is consistent (one-line summary on stdout).
 * Exit 1: the dossier has problems (one message per line on stderr).
 * Exit 2: bad usage, or the seeds directory / dossier file cannot be read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkDossier } from '../core/dossierCheck';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE = 'usage: tsx lib/cli/dataCheck.ts --seeds <dir> [--dossier data/dossier.json]';

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseArguments(argv: string[]): { seeds: string; dossier: string } {
  let values: { seeds?: string; dossier?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        seeds: { type: 'string' },
        dossier: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // parseArgs names the offending option or argument in its message ("Unknown option '--seed'").
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.seeds === undefined || values.seeds === '') fail(`--seeds <dir> is required\n${USAGE}`, 2);
  if (values.dossier === '') fail(`--dossier needs a value\n${USAGE}`, 2);
  return {
    seeds: path.resolve(values.seeds),
    dossier: values.dossier ? path.resolve(values.dossier) : path.join(repoRoot, 'data', 'dossier.json'),
  };
}

function readSeeds(dir: string): Record<string, string> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) fail(`seeds: "${dir}" is not a directory`, 2);
    names = readdirSync(dir).filter((name) => name.endsWith('.txt'));
  } catch (error) {
    fail(`seeds: cannot read directory "${dir}": ${(error as Error).message}`, 2);
  }
  if (names.length === 0) fail(`seeds: no .txt files in "${dir}"`, 2);
  const seeds: Record<string, string> = {};
  for (const name of names.sort()) {
    try {
      seeds[name] = readFileSync(path.join(dir, name), 'utf8');
    } catch (error) {
      fail(`seeds: cannot read "${path.join(dir, name)}": ${(error as Error).message}`, 2);
    }
  }
  return seeds;
}

function readDossier(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`dossier: cannot read "${file}": ${(error as Error).message}`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`dossier: "${file}" is not valid JSON: ${(error as Error).message}`, 1);
  }
}

const args = parseArguments(process.argv.slice(2));
const seeds = readSeeds(args.seeds);
const dossier = readDossier(args.dossier);
const errors = checkDossier(dossier, seeds);

if (errors.length > 0) {
  for (const error of errors) process.stderr.write(`${error}\n`);
  process.stderr.write(
    `data-check: ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${path.relative(process.cwd(), args.dossier) || args.dossier}\n`,
  );
  process.exit(1);
}

const d = dossier as {
  sources: unknown[];
  entities: unknown[];
  facts: unknown[];
  events: unknown[];
  conflicts: unknown[];
};
process.stdout.write(
  `data-check: OK: ${d.sources.length} sources, ${d.entities.length} entities, ${d.facts.length} facts, ` +
    `${d.events.length} events, ${d.conflicts.length} conflicts (seeds: ${Object.keys(seeds).length} files in ${args.seeds})\n`,
);
