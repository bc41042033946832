/**
 * The dossier that ships inside the extension, validated once when the background starts, plus the
 * content hash that keys the IndexedDB cache.
 */
import raw from '../../data/dossier.json';
import { parseDossier, type Dossier } from '../../data/schema';
import { contentHash } from '../core/contentHash';

function load(): Dossier {
  const parsed = parseDossier(raw);
  if (!parsed.ok) throw new Error(`The bundled dossier is invalid:\n${parsed.errors.join('\n')}`);
  return parsed.dossier;
}

export const bundledDossier: Dossier = load();
export const bundledDossierHash: string = contentHash(JSON.stringify(raw));
