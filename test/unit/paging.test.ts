import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_SIZE, PageCache, pagesFor, type Row } from '../../renderer/components/grid/paging.js';
import { MAX_SCROLL_PX, clampOffset, scrollGeometry } from '../../renderer/components/grid/scaledScroll.js';

/** A fetcher whose answers the test releases by hand, in any order. */
function manualFetcher() {
  const calls: { offset: number; limit: number; resolve: (rows: Row[]) => void }[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<Row[]>((resolve) => calls.push({ offset, limit, resolve }));
  const answer = async (index: number) => {
    const call = calls[index]!;
    call.resolve(Array.from({ length: call.limit }, (_, i) => [call.offset + i]));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { calls, fetch, answer };
}

test('the viewport maps to page-aligned windows', () => {
  assert.deepEqual(pagesFor(0, 30), [0]);
  assert.deepEqual(pagesFor(PAGE_SIZE - 5, PAGE_SIZE + 5), [0, 1]);
  assert.deepEqual(pagesFor(10 * PAGE_SIZE, 10 * PAGE_SIZE), [10]);
});

test('requests ask for whole pages, the last one cut at the row count', async () => {
  const rows = 2 * PAGE_SIZE + 10;
  const f = manualFetcher();
  const cache = new PageCache(f.fetch, rows, () => {});
  cache.request(PAGE_SIZE * 2 - 3, rows + 50);
  assert.deepEqual(f.calls.map((c) => [c.offset, c.limit]), [
    [PAGE_SIZE, PAGE_SIZE],
    [2 * PAGE_SIZE, 10],
  ]);
  await f.answer(1);
  assert.deepEqual(cache.row(rows - 1), [rows - 1]);
  assert.equal(cache.row(PAGE_SIZE), undefined, 'page 1 has not arrived yet');
});

test('only the latest request wins: a page arriving after the viewport moved away is dropped', async () => {
  const f = manualFetcher();
  let changes = 0;
  const cache = new PageCache(f.fetch, 10_000_000, () => (changes += 1));
  cache.request(0, 30); // page 0
  cache.request(9_999_970, 9_999_999); // jump to the end before page 0 arrives
  await f.answer(0);
  assert.equal(cache.row(0), undefined);
  assert.equal(cache.discarded, 1);
  assert.equal(changes, 0);
  await f.answer(1);
  assert.deepEqual(cache.row(9_999_999), [9_999_999]);
  assert.equal(changes, 1);
});

test('a page already cached or in flight is not fetched again', async () => {
  const f = manualFetcher();
  const cache = new PageCache(f.fetch, 5000, () => {});
  cache.request(0, 10);
  cache.request(5, 20);
  assert.equal(f.calls.length, 1);
  await f.answer(0);
  cache.request(0, 40);
  assert.equal(f.calls.length, 1);
});

test('the cache keeps a bounded number of pages', async () => {
  const f = manualFetcher();
  const cache = new PageCache(f.fetch, 100 * PAGE_SIZE, () => {}, () => {}, 4);
  for (let page = 0; page < 10; page += 1) {
    cache.request(page * PAGE_SIZE, page * PAGE_SIZE + 10);
    await f.answer(page);
  }
  assert.equal(cache.cachedPages.length, 4);
  assert.deepEqual(cache.cachedPages, [6, 7, 8, 9]);
});

test('fetch errors are reported, and the page can be asked for again', async () => {
  const errors: string[] = [];
  let fail = true;
  const cache = new PageCache(
    async (offset) => {
      if (fail) throw new Error('engine gone');
      return [[offset]];
    },
    1,
    () => {},
    (error) => errors.push(error.message),
  );
  cache.request(0, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(errors, ['engine gone']);
  fail = false;
  cache.request(0, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(cache.row(0), [0]);
});

test('scroll geometry: 1:1 when it fits, scaled beyond the browser limit, last row reachable', () => {
  const small = scrollGeometry(1000 * 28, 500);
  assert.equal(small.scale, 1);
  assert.equal(small.spacerHeight, 28_000);
  const huge = scrollGeometry(10_000_000 * 28, 600);
  assert.equal(huge.spacerHeight, MAX_SCROLL_PX);
  assert.equal(huge.maxOffset, 10_000_000 * 28 - 600);
  // The bottom of the scrollbar is the last row at the bottom of the body.
  assert.equal((MAX_SCROLL_PX - 600) * huge.scale, huge.maxOffset);
  assert.equal(clampOffset(-5, huge), 0);
  assert.equal(clampOffset(1e12, huge), huge.maxOffset);
  assert.equal(scrollGeometry(0, 600).maxOffset, 0);
});
