// Which text encoding a file is in, from samples of its bytes: a BOM first,
// then UTF-16 by its NUL pattern, then strict UTF-8, and otherwise the legacy
// encoding whose byte structure and common-character ranges fit best.
import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { iconvLite } from '../../runtime/lazy.js';

/** The encodings detection can answer (an override may name any iconv-lite encoding). */
export type DetectedEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5' | 'shift_jis' | 'windows-1252';

const LEGACY = ['gb18030', 'big5', 'shift_jis', 'windows-1252'] as const;
type Legacy = (typeof LEGACY)[number];

export interface EncodingGuess {
  encoding: DetectedEncoding;
  /** The file starts with a byte-order mark. */
  bom: boolean;
  /** 0–1: how well the best candidate fits the sample. */
  confidence: number;
}

/** An encoding name as the user typed it, checked and put in canonical form. */
export function normalizeEncoding(name: string): string | null {
  const key = name.trim().toLowerCase().replace(/_/g, '-');
  const aliases: Record<string, string> = {
    utf8: 'utf-8',
    'utf-8-bom': 'utf-8',
    'utf-8-sig': 'utf-8',
    utf16le: 'utf-16le',
    utf16be: 'utf-16be',
    'utf-16': 'utf-16le',
    gbk: 'gbk',
    cp936: 'gbk',
    gb2312: 'gbk',
    'shift-jis': 'shift_jis',
    sjis: 'shift_jis',
    'cp-932': 'shift_jis',
    cp932: 'shift_jis',
    'windows-31j': 'shift_jis',
    cp1252: 'windows-1252',
    latin1: 'latin1',
    'latin-1': 'latin1',
    'iso-8859-1': 'latin1',
    'big-5': 'big5',
    cp950: 'big5',
  };
  const canonical = aliases[key] ?? key;
  return iconvLite().encodingExists(canonical) ? canonical : null;
}

/**
 * Bytes as text in `encoding`, a leading BOM dropped, as iconv-lite's decode
 * gives them; UTF-8 (most files) without loading iconv-lite and its tables,
 * the same way it decodes UTF-8 (Node's StringDecoder).
 */
export function decodeText(bytes: Buffer, encoding: string): string {
  if (encoding !== 'utf-8') return iconvLite().decode(bytes, encoding);
  const decoder = new StringDecoder('utf8');
  let text = decoder.write(bytes);
  if (text[0] === '\uFEFF') text = text.slice(1);
  return text + decoder.end();
}

export function isUtf8(encoding: string): boolean {
  return encoding === 'utf-8';
}

/** The BOM at the start of a file, if any. */
export function bomOf(head: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: ASCII characters (digits, commas, newlines) put a NUL
 * in every other byte, on the odd side for little-endian, the even for big.
 */
export function utf16ByNulPattern(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = Math.floor(Math.min(head.length, 65536) / 2);
  if (units < 2) return null;
  // No NUL at all (most files): neither pattern.
  if (!head.subarray(0, units * 2).includes(0)) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < units * 2; i += 2) {
    if (head[i] === 0) even += 1;
    if (head[i + 1] === 0) odd += 1;
  }
  if (odd >= units * 0.1 && even <= odd * 0.02) return 'utf-16le';
  if (even >= units * 0.1 && odd <= even * 0.02) return 'utf-16be';
  return null;
}

/**
 * Strict UTF-8 (no overlongs, no surrogates). A sequence cut off by the end
 * of the sample counts as valid. `multibyte` counts the non-ASCII characters.
 */
export function checkUtf8(bytes: Uint8Array): { valid: boolean; multibyte: number } {
  // Plain ASCII (much of most samples), checked natively.
  if (isAscii(bytes)) return { valid: true, multibyte: 0 };
  let multibyte = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return { valid: false, multibyte };
    for (let k = 1; k <= need; k += 1) {
      if (i + k >= n) return { valid: true, multibyte };
      const c = bytes[i + k]!;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return { valid: false, multibyte };
    }
    multibyte += 1;
    i += need + 1;
  }
  return { valid: true, multibyte };
}

interface Tally {
  sum: number;
  units: number;
}

const add = (tally: Tally, score: number) => {
  tally.sum += score;
  tally.units += 1;
};

// Each walker reads the bytes as one encoding would and scores every non-ASCII
// character: 1 for the ranges everyday text uses (the common hanzi/kanji level,
// kana, full-width punctuation), less for rare ranges, 0 for private-use
// areas, and -1 for a byte sequence the encoding does not allow.

/** One character read at a non-ASCII byte: its score and byte length, or null when the sample ends inside it. */
type ReadCharacter = (s: Uint8Array, i: number) => { score: number; length: number } | null;

const INVALID = { score: -1, length: 1 };

/** The loop the double-byte encodings share: ASCII is skipped, every other character scored by the encoding's rule. */
function walkWith(read: ReadCharacter): (s: Uint8Array) => Tally {
  return (s) => {
    const tally = { sum: 0, units: 0 };
    for (let i = 0; i < s.length; ) {
      if (s[i]! < 0x80) {
        i += 1;
        continue;
      }
      const character = read(s, i);
      if (!character) break;
      add(tally, character.score);
      i += character.length;
    }
    return tally;
  };
}

function gbRegion(lead: number, trail: number): number {
  if (trail >= 0xa1) {
    if (lead <= 0xa3) return 1; // full-width punctuation, digits and letters
    if (lead <= 0xa9) return 0.1; // kana, Greek, Cyrillic, pinyin, box drawing
    if (lead <= 0xaf) return 0; // user-defined
    if (lead <= 0xd7) return lead === 0xd7 && trail > 0xf9 ? 0 : 1; // GB2312 level 1
    if (lead <= 0xf7) return 0.4; // GB2312 level 2
    return 0; // user-defined
  }
  if (lead >= 0xa1 && lead <= 0xa7) return 0; // user-defined
  return 0.1; // GBK extensions: rare characters
}

/** GB18030: two bytes (lead 0x81–0xFE), or four (the second and fourth a digit). */
const readGb18030: ReadCharacter = (s, i) => {
  if (i + 1 >= s.length) return null;
  const b = s[i]!;
  if (b === 0x80 || b === 0xff) return INVALID;
  const t = s[i + 1]!;
  if (t >= 0x30 && t <= 0x39) {
    const fourBytes = i + 3 < s.length && s[i + 2]! >= 0x81 && s[i + 2]! <= 0xfe && s[i + 3]! >= 0x30 && s[i + 3]! <= 0x39;
    return fourBytes ? { score: 0.2, length: 4 } : INVALID;
  }
  return (t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe) ? { score: gbRegion(b, t), length: 2 } : INVALID;
};

function big5Region(code: number): number {
  if (code >= 0xa140 && code <= 0xa3bf) return 1; // punctuation and symbols
  if (code >= 0xa440 && code <= 0xc67e) return 1; // frequently used characters
  if (code >= 0xc940 && code <= 0xf9d5) return 0.4; // less frequently used
  if (code < 0xa140 || code >= 0xfa40) return 0; // user-defined
  return 0.1;
}

/** Big5: a lead byte 0x81–0xFE and a trail byte 0x40–0x7E or 0xA1–0xFE. */
const readBig5: ReadCharacter = (s, i) => {
  if (i + 1 >= s.length) return null;
  const b = s[i]!;
  const t = s[i + 1]!;
  return b >= 0x81 && b <= 0xfe && ((t >= 0x40 && t <= 0x7e) || (t >= 0xa1 && t <= 0xfe)) ? { score: big5Region((b << 8) | t), length: 2 } : INVALID;
};

function sjisRegion(code: number): number {
  if (code >= 0x8140 && code <= 0x81fc) return 1; // punctuation and symbols
  if (code >= 0x824f && code <= 0x82f1) return 1; // full-width alphanumerics, hiragana
  if (code >= 0x8340 && code <= 0x8396) return 1; // katakana
  if (code >= 0x889f && code <= 0x9872) return 1; // JIS level 1 kanji
  if ((code >= 0x989f && code <= 0x9ffc) || (code >= 0xe040 && code <= 0xeaa4)) return 0.4; // level 2
  if (code >= 0x839f && code <= 0x84be) return 0.3; // Greek, Cyrillic, box drawing
  if (code >= 0x8740 && code <= 0x879c) return 0.5; // NEC specials (circled numbers …)
  if ((code >= 0xed40 && code <= 0xeefc) || (code >= 0xfa40 && code <= 0xfc4b)) return 0.3; // IBM extensions
  return 0; // user-defined or unassigned
}

/** Shift-JIS: half-width katakana in one byte, else a lead 0x81–0x9F/0xE0–0xFC and a trail 0x40–0xFC. */
const readShiftJis: ReadCharacter = (s, i) => {
  const b = s[i]!;
  if (b >= 0xa1 && b <= 0xdf) return { score: 0.3, length: 1 }; // half-width katakana
  if (!((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc))) return INVALID;
  if (i + 1 >= s.length) return null;
  const t = s[i + 1]!;
  return t >= 0x40 && t <= 0xfc && t !== 0x7f ? { score: sjisRegion((b << 8) | t), length: 2 } : INVALID;
};

const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const CP1252_LETTERS = new Set([0x83, 0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f]);

/**
 * Western text has accented letters one at a time between ASCII letters
 * ("Müller", "Besançon"); double-byte text has runs of two, four, six bytes.
 */
function walkWindows1252(s: Uint8Array): Tally {
  const tally = { sum: 0, units: 0 };
  for (let i = 0; i < s.length; ) {
    if (s[i]! < 0x80) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < s.length && s[end]! >= 0x80) end += 1;
    const run = end - i;
    for (let k = i; k < end; k += 1) {
      const b = s[k]!;
      if (CP1252_UNDEFINED.has(b)) add(tally, -1);
      else if (run === 1) add(tally, (b >= 0xc0 && b !== 0xd7 && b !== 0xf7) || CP1252_LETTERS.has(b) ? 1 : 0.8);
      else add(tally, run === 2 ? 0.3 : 0.05);
    }
    i = end;
  }
  return tally;
}

const WALKERS: Record<Legacy, (s: Uint8Array) => Tally> = {
  gb18030: walkWith(readGb18030),
  big5: walkWith(readBig5),
  shift_jis: walkWith(readShiftJis),
  'windows-1252': walkWindows1252,
};

const CHARDET_NAMES: Record<string, Legacy> = {
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
};

/** Each legacy candidate's mean score over the samples' non-ASCII characters. */
export function scoreLegacy(samples: Uint8Array[]): Record<Legacy, number> {
  const scores = {} as Record<Legacy, number>;
  for (const name of LEGACY) {
    const total = { sum: 0, units: 0 };
    for (const sample of samples) {
      const tally = WALKERS[name](sample);
      total.sum += tally.sum;
      total.units += tally.units;
    }
    scores[name] = total.units === 0 ? 0 : total.sum / total.units;
  }
  return scores;
}

/**
 * The encoding of text whose samples are given: the head of the file first,
 * then any windows further in (each starting and ending at a line break).
 */
export function detectEncoding(samples: Uint8Array[]): EncodingGuess {
  const head = samples[0] ?? new Uint8Array();
  const bom = bomOf(head);
  if (bom) return { encoding: bom.encoding, bom: true, confidence: 1 };
  const utf16 = utf16ByNulPattern(head);
  if (utf16) return { encoding: utf16, bom: false, confidence: 0.9 };

  let multibyte = 0;
  let valid = true;
  for (const sample of samples) {
    const check = checkUtf8(sample);
    multibyte += check.multibyte;
    if (!check.valid) valid = false;
  }
  if (valid) return { encoding: 'utf-8', bom: false, confidence: multibyte > 0 ? 1 : 0.9 };

  const scores = scoreLegacy(samples);
  const ranked = [...LEGACY].sort((a, b) => scores[b] - scores[a]);
  let best = ranked[0]!;
  const second = ranked[1]!;
  // Close calls between two double-byte encodings: let chardet's frequency
  // statistics break the tie (GB18030 first when it cannot tell either).
  if (scores[best] - scores[second] < 0.1 && best !== 'windows-1252' && second !== 'windows-1252') {
    const joined = Buffer.concat(samples.map((s) => Buffer.from(s.buffer, s.byteOffset, s.byteLength)));
    const votes = new Map<Legacy, number>();
    // Loaded only for such a call: every reader process would load it otherwise (5-20 ms of its start).
    const { analyse } = createRequire(import.meta.url)('chardet') as typeof import('chardet');
    for (const match of analyse(joined)) {
      const name = CHARDET_NAMES[match.name];
      if (name && !votes.has(name)) votes.set(name, match.confidence);
    }
    const [a, b] = [best, second];
    const va = votes.get(a) ?? 0;
    const vb = votes.get(b) ?? 0;
    if (vb > va || (vb === va && b === 'gb18030')) best = b;
  }
  return { encoding: best, bom: false, confidence: Math.max(0, scores[best]) };
}
