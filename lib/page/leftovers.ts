/**
 * What a previous instance of the extension may have left on the page: in Firefox, an extension that is
 * disabled, reloaded or updated loses its scripts at once, and their marks and open card stay on screen.
 * A new instance removes them before it starts. (Chromium keeps an orphaned script running; it cleans up after
 * itself, see pageLifetime.ts.)
 */
import { removeLeftoverCardHosts } from '../card/cardShadowHost';
import { HighlightPainter } from './highlightPainter';

export function clearLeftovers(): void {
  removeLeftoverCardHosts();
  // Only Firefox can leave highlights behind; elsewhere the registry is not even looked at (its first use sets it
  // up, which a page without mentions should not pay for).
  if (import.meta.env.FIREFOX) HighlightPainter.clearLeftovers();
}
