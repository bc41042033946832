/**
 * One tab stop per group of like buttons in the card (a statement's source numbers, the tabs, the footer links, the
 * related entities): Tab reaches the group once, the arrow keys move inside it (roving tabindex, as in the WAI-ARIA
 * toolbar and tabs patterns). Without it a preview had a dozen tab stops of source numbers alone.
 */
import { useEffect, useState } from 'preact/hooks';

/** Marks a member of a roving group; the group's keydown handler finds its members by it. */
export const ROVING_ITEM = 'data-roving-item';

/**
 * Which member to move to from `index` of `count` on `key`, or undefined when the key is not the group's: the
 * arrows along the line (wrapping at the ends; mirrored in right-to-left text), Home and End.
 * Up and Down are left alone so they still scroll the card.
 */
export function rovingTarget(index: number, count: number, key: string, rtl = false): number | undefined {
  if (count <= 0 || index < 0 || index >= count) return undefined;
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === forward) return (index + 1) % count;
  if (key === backward) return (index - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}

export interface RovingTabStop {
  /** Props for member `i`: its tabindex (0 for the group's one stop, -1 for the rest) and the mark. */
  item(i: number): { tabIndex: number; [ROVING_ITEM]: true };
  /** Call when member `i` gets focus (by click or by Tab), so Tab comes back to where the reader was. */
  focused(i: number): void;
  /** The group element's keydown handler. */
  onKeyDown(event: KeyboardEvent): void;
}

/** A group of `count` members; `current` (e.g. the selected tab) is the tab stop while the reader has not moved. */
export function useRovingTabStop(count: number, current = 0): RovingTabStop {
  const [active, setActive] = useState(current);
  useEffect(() => setActive(current), [current]);
  const stop = Math.max(0, Math.min(active, count - 1));
  return {
    item: (i) => ({ tabIndex: i === stop ? 0 : -1, [ROVING_ITEM]: true }),
    focused: setActive,
    onKeyDown: (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const group = event.currentTarget as HTMLElement;
      const items = [...group.querySelectorAll<HTMLElement>(`[${ROVING_ITEM}]`)];
      const from = items.indexOf(event.target as HTMLElement);
      const to = rovingTarget(from, items.length, event.key, getComputedStyle(group).direction === 'rtl');
      if (to === undefined) return;
      event.preventDefault();
      setActive(to);
      items[to]!.focus();
    },
  };
}
