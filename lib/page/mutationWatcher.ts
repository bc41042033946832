/**
 * Keeps mentions current on dynamic pages. The observer callback only records which blocks changed;
 * the engine rescans them later in slices (at most one slice per frame), so a page that mutates
 * thousands of times a second costs a set insertion per mutation, not a scan.
 */
import { isCardHost } from '../card/cardShadowHost';
import { isInsideRejected } from './textBlocks';

export interface MutationSink {
  /** A node whose block must be rescanned. */
  changed(node: Node): void;
  /** Nodes were removed or text edited: forget mentions that no longer hold. */
  stale(): void;
}

const isOwnUi = isCardHost;

export function watchMutations(root: Node, sink: MutationSink): () => void {
  const observer = new MutationObserver((records) => {
    let stale = false;
    for (const record of records) {
      if (record.type === 'characterData') {
        stale = true;
        if (!isInsideRejected(record.target)) sink.changed(record.target);
        continue;
      }
      if (record.removedNodes.length > 0) {
        for (const node of record.removedNodes) if (!isOwnUi(node)) stale = true;
      }
      for (const node of record.addedNodes) {
        // The extension's own card host never retriggers a scan.
        if (isOwnUi(node)) continue;
        if (node.nodeType !== 1 && node.nodeType !== 3) continue;
        if (isInsideRejected(node)) continue;
        sink.changed(node);
      }
    }
    if (stale) sink.stale();
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
