// Rows stay in DuckDB; the grid holds only the pages around the viewport.
// Pages are page-aligned windows, and only the latest request wins: a page
// that arrives after the viewport has moved away from it is dropped.

export const PAGE_SIZE = 1024;

export type Row = readonly unknown[];
export type FetchPage = (offset: number, limit: number) => Promise<Row[]>;

export function pagesFor(firstRow: number, lastRow: number): number[] {
  const pages: number[] = [];
  for (let page = Math.floor(firstRow / PAGE_SIZE); page <= Math.floor(lastRow / PAGE_SIZE); page += 1) pages.push(page);
  return pages;
}

export class PageCache {
  private readonly pages = new Map<number, Row[]>();
  private readonly inFlight = new Set<number>();
  private wanted = new Set<number>();
  /** Pages thrown away because the viewport had moved on: for tests and diagnostics. */
  discarded = 0;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly rowCount: number,
    private readonly onChange: () => void,
    private readonly onError: (error: Error) => void = () => {},
    private readonly maxPages = 16,
  ) {}

  row(index: number): Row | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** The viewport now shows rows firstRow..lastRow: fetch what is missing. */
  request(firstRow: number, lastRow: number): void {
    if (this.rowCount === 0) return;
    const last = Math.min(lastRow, this.rowCount - 1);
    const wanted = pagesFor(Math.max(0, Math.min(firstRow, last)), last);
    this.wanted = new Set(wanted);
    for (const page of wanted) {
      if (this.pages.has(page) || this.inFlight.has(page)) continue;
      this.inFlight.add(page);
      const offset = page * PAGE_SIZE;
      this.fetchPage(offset, Math.min(PAGE_SIZE, this.rowCount - offset))
        .then((rows) => {
          this.inFlight.delete(page);
          if (!this.wanted.has(page)) {
            this.discarded += 1;
            return;
          }
          this.store(page, rows);
          this.onChange();
        })
        .catch((error: Error) => {
          this.inFlight.delete(page);
          this.onError(error);
        });
    }
  }

  private store(page: number, rows: Row[]): void {
    this.pages.delete(page);
    this.pages.set(page, rows);
    // Evict the least recently stored pages that the viewport no longer shows.
    for (const old of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) break;
      if (!this.wanted.has(old)) this.pages.delete(old);
    }
  }

  get cachedPages(): number[] {
    return [...this.pages.keys()];
  }
}
