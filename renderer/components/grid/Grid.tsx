// A virtualized, paged grid over a DuckDB table of any size. TanStack Virtual
// decides which rows are visible from a content offset we own (so it can
// exceed the browser's height limit); PageCache fetches page-aligned windows.
import { useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ColumnInfo } from '../../../shared/contract.js';
import { PageCache, type FetchPage } from './paging.js';
import { clampOffset, scrollGeometry } from './scaledScroll.js';
import { formatCell, isNumericType } from './format.js';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 32;
const INDEX_WIDTH = 96;

export interface GridProps {
  columns: ColumnInfo[];
  rowCount: number;
  fetchPage: FetchPage;
  onError?: (error: Error) => void;
  /** A click on a row, with its 0-based index; rows read as clickable when given. */
  onRowClick?: (index: number) => void;
}

function columnWidth(column: ColumnInfo): number {
  if (isNumericType(column.type)) return 130;
  if (/DATE|TIME/.test(column.type)) return 170;
  return 190;
}

export function Grid({ columns, rowCount, fetchPage, onError, onRowClick }: GridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const [viewportHeight, setViewportHeight] = useState(600);
  const [offset, setOffset] = useState(0);
  const offsetListener = useRef<((offset: number, isScrolling: boolean) => void) | null>(null);
  const programmaticScroll = useRef(false);

  const cache = useMemo(() => new PageCache(fetchPage, rowCount, repaint, onError), [fetchPage, rowCount, onError]);
  const bodyHeight = Math.max(ROW_HEIGHT, viewportHeight - HEADER_HEIGHT);
  const geometry = scrollGeometry(rowCount * ROW_HEIGHT, bodyHeight);
  const widths = columns.map(columnWidth);
  const totalWidth = INDEX_WIDTH + widths.reduce((a, b) => a + b, 0);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: bodyHeight },
    observeElementOffset: (_instance, callback) => {
      offsetListener.current = callback;
      callback(offset, false);
      return () => {
        offsetListener.current = null;
      };
    },
    scrollToFn: (target) => moveTo(target),
  });

  function moveTo(target: number) {
    const next = clampOffset(target, geometry);
    setOffset(next);
    const element = scrollRef.current;
    if (element) {
      programmaticScroll.current = true;
      element.scrollTop = next / geometry.scale;
    }
  }

  // Reset when another table is shown.
  useEffect(() => {
    moveTo(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    setViewportHeight(element.clientHeight);
    return () => observer.disconnect();
  }, []);

  useEffect(() => offsetListener.current?.(offset, false), [offset]);

  // The wheel moves content 1:1 even when the scrollbar is scaled.
  const geometryRef = useRef(geometry);
  geometryRef.current = geometry;
  const scaled = geometry.scale !== 1;
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || !scaled) return;
    const onWheel = (event: WheelEvent) => {
      if (Math.abs(event.deltaY) < Math.abs(event.deltaX)) return;
      event.preventDefault();
      const delta = event.deltaMode === 1 ? event.deltaY * ROW_HEIGHT : event.deltaMode === 2 ? event.deltaY * bodyHeight : event.deltaY;
      setOffset((current) => {
        const next = clampOffset(current + delta, geometryRef.current);
        programmaticScroll.current = true;
        element.scrollTop = next / geometryRef.current.scale;
        return next;
      });
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [scaled, bodyHeight]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => cache.request(first, last), [cache, first, last]);

  function onScroll() {
    const element = scrollRef.current;
    if (!element) return;
    if (programmaticScroll.current) {
      programmaticScroll.current = false;
      return;
    }
    setOffset(clampOffset(element.scrollTop * geometry.scale, geometry));
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const page = bodyHeight - ROW_HEIGHT;
    const moves: Record<string, number> = {
      ArrowDown: offset + ROW_HEIGHT,
      ArrowUp: offset - ROW_HEIGHT,
      PageDown: offset + page,
      PageUp: offset - page,
      Home: 0,
      End: geometry.maxOffset,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  }

  const numeric = columns.map((column) => isNumericType(column.type));
  return (
    <div
      className="grid"
      ref={scrollRef}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      tabIndex={0}
      role="grid"
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length + 1}
      data-testid="grid"
    >
      <div className="grid-header" style={{ width: totalWidth, height: HEADER_HEIGHT }} role="row">
        <div className="grid-cell grid-index" style={{ width: INDEX_WIDTH }} role="columnheader">
          #
        </div>
        {columns.map((column, c) => (
          <div key={column.name} className="grid-cell" style={{ width: widths[c] }} role="columnheader" title={`${column.name}: ${column.type}`}>
            <span className="grid-column-name">{column.name}</span>
            <span className="grid-column-type">{column.type}</span>
          </div>
        ))}
      </div>
      <div style={{ height: geometry.spacerHeight, width: totalWidth, position: 'relative' }}>
        <div className="grid-body" style={{ height: bodyHeight, top: HEADER_HEIGHT, width: totalWidth }}>
          {items.map((item) => {
            const row = cache.row(item.index);
            return (
              <div
                key={item.index}
                className={`grid-row${item.index % 2 ? ' odd' : ''}${onRowClick ? ' clickable' : ''}`}
                role="row"
                aria-rowindex={item.index + 2}
                data-row={item.index + 1}
                style={{ transform: `translateY(${item.start - offset}px)`, height: ROW_HEIGHT }}
                onClick={onRowClick ? () => onRowClick(item.index) : undefined}
              >
                <div className="grid-cell grid-index" style={{ width: INDEX_WIDTH }} role="rowheader">
                  {(item.index + 1).toLocaleString('en-US')}
                </div>
                {columns.map((column, c) => {
                  const value = row?.[c];
                  const text = row ? formatCell(value, column.type) : '';
                  return (
                    <div
                      key={column.name}
                      role="gridcell"
                      className={`grid-cell${numeric[c] ? ' numeric' : ''}${row && value === null ? ' null' : ''}${row ? '' : ' loading'}`}
                      style={{ width: widths[c] }}
                    >
                      {text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
