// Browsers cap an element's height (Chromium near 33 million px), far short of
// ten million rows at 28 px. The scrollbar therefore spans at most
// MAX_SCROLL_PX and is scaled; the wheel and the keys move the content 1:1.

export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollGeometry {
  /** Height of the real scrollable spacer. */
  spacerHeight: number;
  /** Content pixels per scrollbar pixel (1 when the content fits). */
  scale: number;
  /** Largest content offset: the last row sits at the bottom of the body. */
  maxOffset: number;
}

export function scrollGeometry(contentHeight: number, bodyHeight: number): ScrollGeometry {
  const spacerHeight = Math.min(contentHeight, MAX_SCROLL_PX);
  const maxOffset = Math.max(0, contentHeight - bodyHeight);
  const maxScroll = Math.max(0, spacerHeight - bodyHeight);
  return { spacerHeight, maxOffset, scale: maxScroll === 0 ? 1 : Math.max(1, maxOffset / maxScroll) };
}

export const clampOffset = (offset: number, geometry: ScrollGeometry) => Math.min(Math.max(0, offset), geometry.maxOffset);
