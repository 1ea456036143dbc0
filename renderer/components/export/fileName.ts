// A download's file name from a title the user typed (a report's, a scenario's).

/** Letters and digits of the title, other runs as one dash; `fallback` when nothing is left. */
export function fileBase(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || fallback;
}
