/**
 * Makes the first stage's built-in gate (lib/core/pageGate.ts, BuiltInGate) when the extension is built, as a Vite
 * virtual module the page script imports (wxt.config.ts adds the plugin).
 *
 * WHY at build time: the dossier ships inside the extension, so the anchors of every tier are known before any page
 * opens. A page script that carries them decides for a page without mentions (nearly every page) without reading
 * storage or asking the background; those calls cost it more than its RegExps (docs/performance.md, "Built-in gate").
 * And with each tier's anchors in it too, no gate for other tier switches has to be made and kept anywhere.
 */
import type { Entity } from '../../data/schema';
import { anchorPatterns } from '../core/anchorFilter';
import type { BuiltInGate } from '../core/pageGate';
import { bundledDossier } from '../store/bundledDossier';

const BUILT_IN_GATE_MODULE = 'virtual:incontext-built-in-gate';
const RESOLVED = `\0${BUILT_IN_GATE_MODULE}`;

/**
 * The gate of these entities: the anchors a top document and a frame look for with every tier on (the frame's are
 * the matcher's own, compileMatcherData's `anchors`), and each tier's on its own.
 */
export function builtInGateOf(entities: readonly Pick<Entity, 'aliases' | 'tier'>[]): BuiltInGate {
  const of = (...tiers: Entity['tier'][]) => anchorPatterns(entities.filter((e) => tiers.includes(e.tier)));
  return {
    top: of('core', 'related'),
    frame: of('core', 'related', 'context'),
    byTier: { core: of('core'), related: of('related'), context: of('context') },
  };
}

/** The bundled dossier's gate. */
export function builtInGate(): BuiltInGate {
  return builtInGateOf(bundledDossier.entities);
}

/**
 * The virtual module's source: each of the gate's lists as a JSON string of its own, parsed the first time it is read.
 * A top document reads `top`, a frame `frame`, and `byTier` is read only where a tier is switched off: the page
 * parses a tenth of the gate, not all of it. (JSON.parse of a string: V8 reads it faster than an object literal.)
 */
export function builtInGateModule(gate: BuiltInGate = builtInGate()): string {
  const field = (name: keyof BuiltInGate) =>
    `get ${name}() { return (parsed.${name} ??= JSON.parse(${JSON.stringify(JSON.stringify(gate[name]))})); },`;
  return `const parsed = {};\nexport default { ${field('top')} ${field('frame')} ${field('byTier')} };\n`;
}

/** A Vite plugin (typed by its shape: the repository holds two Vite versions, WXT's and Vitest's). */
export function builtInGatePlugin() {
  return {
    name: 'incontext-built-in-gate',
    resolveId: (id: string) => (id === BUILT_IN_GATE_MODULE ? RESOLVED : undefined),
    load: (id: string) => (id === RESOLVED ? builtInGateModule() : undefined),
  };
}
