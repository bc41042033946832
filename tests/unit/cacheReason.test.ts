/**
 * The options page's one-line reason for serving the dossier from memory: Dexie repeats its cause's name
 * and message, and the page says each once.
 */
import { describe, expect, it } from 'vitest';
import { plainCacheReason } from '../../components/OptionsApp';

describe('plainCacheReason', () => {
  it("says Firefox's refusal once, not three times", () => {
    const message = 'A mutation operation was attempted on a database that did not allow mutations.';
    const reason = `InvalidStateError: ${message}\n InvalidStateError: ${message} (InvalidStateError: ${message})`;
    expect(plainCacheReason(reason)).toBe(`${message} (InvalidStateError)`);
  });

  it('keeps the more specific inner cause of a wrapped error', () => {
    const reason =
      'OpenFailedError: MissingAPIError IndexedDB API missing. Please visit https://tinyurl.com/y2uuvskb (MissingAPIError: IndexedDB API missing. Please visit https://tinyurl.com/y2uuvskb)';
    expect(plainCacheReason(reason)).toBe(
      'IndexedDB API missing. Please visit https://tinyurl.com/y2uuvskb (MissingAPIError)',
    );
  });

  it('leaves a plain reason as it is, dropping only a bare "Error:"', () => {
    expect(plainCacheReason('TypeError: no database for you')).toBe('no database for you (TypeError)');
    expect(plainCacheReason('Error: blocked by test')).toBe('blocked by test');
    expect(plainCacheReason('IndexedDB is not available')).toBe('IndexedDB is not available');
  });
});
