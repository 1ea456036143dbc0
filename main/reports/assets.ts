// What a self-contained report inlines: Plotly's bundle (with every URL
// literal escaped so the file names no http(s) address at all, see
// docs/REPORTS.md) and the Noto Sans SC font (@fontsource/noto-sans-sc, OFL),
// only the unicode-range pieces that cover the characters the report uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { appRoot } from '../runtime/paths.js';

const requireFromApp = () => createRequire(path.join(appRoot(), 'package.json'));

let plotly: string | null = null;

/**
 * Plotly's minified bundle, made safe to inline in a <script> element and free
 * of "http://" / "https://" text: in string, template and regular-expression
 * literals (the only places such text can be in valid JavaScript) and comments,
 * `\/` reads as `/`, and `\x3C` as `<`, so the code runs exactly as shipped.
 */
export function plotlyScript(): string {
  if (plotly === null) {
    const file = requireFromApp().resolve('plotly.js-dist-min');
    plotly = fs
      .readFileSync(file, 'utf8')
      .replace(/(https?):\/\//gi, '$1:\\/\\/')
      .replace(/<(\/?script|!--)/gi, '\\x3C$1');
  }
  return plotly;
}

/** The SHA-256 of a script's text as a CSP source expression names it. */
export function cspHash(script: string): string {
  return `sha256-${crypto.createHash('sha256').update(script, 'utf8').digest('base64')}`;
}

interface FontChunk {
  /** e.g. "4" or "latin": the file is noto-sans-sc-<name>-<weight>-normal.woff2. */
  name: string;
  ranges: [number, number][];
  unicodeRange: string;
}

let chunks: FontChunk[] | null = null;
let fontDir: string | null = null;
const fontCache = new Map<string, string>();

function fontChunks(): FontChunk[] {
  if (chunks) return chunks;
  fontDir = path.dirname(requireFromApp().resolve('@fontsource/noto-sans-sc'));
  const unicode = JSON.parse(fs.readFileSync(path.join(fontDir, 'unicode.json'), 'utf8')) as Record<string, string>;
  chunks = Object.entries(unicode).map(([key, range]) => ({
    name: key.replace(/^\[(\d+)\]$/, '$1'),
    unicodeRange: range,
    ranges: range.split(',').map((part) => {
      const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo!, 16), parseInt(hi ?? lo!, 16)] as [number, number];
    }),
  }));
  return chunks;
}

function fontBase64(name: string, weight: number): string {
  const key = `${name}-${weight}`;
  let data = fontCache.get(key);
  if (data === undefined) {
    data = fs.readFileSync(path.join(fontDir!, 'files', `noto-sans-sc-${name}-${weight}-normal.woff2`)).toString('base64');
    fontCache.set(key, data);
  }
  return data;
}

/** The font pieces whose ranges hold any of these characters (Latin always, for Plotly's own labels). */
function chunksFor(text: string): FontChunk[] {
  const points = new Set<number>();
  for (const ch of text) points.add(ch.codePointAt(0)!);
  return fontChunks().filter((chunk) => chunk.name === 'latin' || [...points].some((p) => chunk.ranges.some(([lo, hi]) => p >= lo && p <= hi)));
}

/**
 * @font-face rules with the font inlined as base64 WOFF2: weight 400 for every
 * character of `text`, weight 700 for those of `boldText` (headings, figures).
 */
export function fontFaceCss(family: string, text: string, boldText: string): string {
  const rules: string[] = [];
  for (const [weight, source] of [
    [400, text],
    [700, boldText],
  ] as const) {
    for (const chunk of chunksFor(source)) {
      rules.push(
        `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;` +
          `src:url(data:font/woff2;base64,${fontBase64(chunk.name, weight)}) format('woff2');unicode-range:${chunk.unicodeRange};}`,
      );
    }
  }
  return rules.join('\n');
}
