/**
 * Makes the first stage's built-in gate (lib/core/pageGate.ts, BuiltInGate) when the extension is built, as a Vite
 * virtual module the page script imports (wxt.config.ts adds the plugin).
 *
 * WHY at build time: the dossier ships inside the extension, so the anchors of every tier are known before any page
 * opens. A page script that carries them decides for a page without mentions (nearly every page) without reading
 * storage or asking the background; those calls cost it more than its RegExps (docs/performance.md, "Built-in gate").
 */
import { MatcherCache } from '../core/matcherCache';
import type { BuiltInGate } from '../core/pageGate';
import { bundledDossier } from '../store/bundledDossier';

export const BUILT_IN_GATE_MODULE = 'virtual:incontext-built-in-gate';
const RESOLVED = `\0${BUILT_IN_GATE_MODULE}`;

/** The gate for every tier switched on, from the bundled dossier: what the background would write for them. */
export function builtInGate(): BuiltInGate {
  const tiers = { core: true, related: true, context: true };
  const { version: _version, ...gate } = new MatcherCache().pageGate(bundledDossier.entities, tiers, '');
  return gate;
}

/** A Vite plugin (typed by its shape: the repository holds two Vite versions, WXT's and Vitest's). */
export function builtInGatePlugin() {
  return {
    name: 'incontext-built-in-gate',
    resolveId: (id: string) => (id === BUILT_IN_GATE_MODULE ? RESOLVED : undefined),
    // JSON.parse of a string: V8 reads it faster than the same data as an object literal.
    load: (id: string) =>
      id === RESOLVED ? `export default JSON.parse(${JSON.stringify(JSON.stringify(builtInGate()))});` : undefined,
  };
}
