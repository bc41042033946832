/** Renders `text` with the given inclusive ranges wrapped in <mark>, as text nodes only (never HTML). */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly (readonly [number, number])[] }) {
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    if (start < at || end - start < 1) continue; // skip overlaps and single letters, which read as noise
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end + 1)}</mark>);
    at = end + 1;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
