/**
 * Records the XPath expressions the page layer evaluates (Document.prototype.evaluate), for the tests that tell the
 * one shadow-root host query from the element walk that replaces it on large pages.
 */
export function recordXPathQueries(): { queries: string[]; restore: () => void } {
  const queries: string[] = [];
  const evaluate = Document.prototype.evaluate;
  Document.prototype.evaluate = function (this: Document, ...args: Parameters<Document['evaluate']>) {
    queries.push(args[0]);
    return evaluate.apply(this, args);
  };
  return { queries, restore: () => void (Document.prototype.evaluate = evaluate) };
}
