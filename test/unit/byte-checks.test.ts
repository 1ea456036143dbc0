// The probe's byte checks (main/ingest/sources/format.ts, encoding.ts) answer
// most samples natively before their byte loops: the answers must be the
// loops' own. Each is checked against a plain loop over the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksBinary } from '../../main/ingest/sources/format.js';
import { checkUtf8, utf16ByNulPattern } from '../../main/ingest/sources/encoding.js';

function looksBinaryByLoop(bytes: Uint8Array): boolean {
  let bad = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b && b !== 0x1a) bad += 1;
  }
  return bad > Math.max(2, bytes.length * 0.005);
}

const text = Buffer.from('customer_id,amount,note\r\nC1,12.50,"tab\there"\nC2,3,\f\x1b\x1a\n'.repeat(20));

test('looksBinary: every byte below 0x20, once and past the bound, as the loop says', () => {
  for (let b = 0; b < 0x20; b += 1) {
    for (const times of [1, 3, 20]) {
      const bytes = Buffer.concat([text, Buffer.alloc(times, b), text]);
      assert.equal(looksBinary(bytes), looksBinaryByLoop(bytes), `byte 0x${b.toString(16)} x${times}`);
    }
  }
  for (const bytes of [Buffer.alloc(0), text, Buffer.from('Café,naïve,東京\n'), Buffer.from([0x80, 0xff, 0x7f, 0x20])]) {
    assert.equal(looksBinary(bytes), looksBinaryByLoop(bytes));
  }
  // A view into a larger buffer: only its own bytes count.
  const whole = Buffer.concat([Buffer.alloc(8, 0), text, Buffer.alloc(8, 1)]);
  assert.equal(looksBinary(whole.subarray(8, 8 + text.length)), false);
});

test('utf16ByNulPattern: text without NUL is neither; UTF-16 either way is found', () => {
  assert.equal(utf16ByNulPattern(text), null);
  assert.equal(utf16ByNulPattern(Buffer.from(text.toString('latin1'), 'utf16le')), 'utf-16le');
  assert.equal(utf16ByNulPattern(Buffer.from(text.toString('latin1'), 'utf16le').subarray(1)), 'utf-16be');
  // A NUL beyond the 64 KiB it looks at does not count.
  assert.equal(utf16ByNulPattern(Buffer.concat([Buffer.alloc(65536, 0x41), Buffer.alloc(64, 0)])), null);
});

test('checkUtf8: ASCII is valid without multibyte characters; the rest is walked', () => {
  assert.deepEqual(checkUtf8(text), { valid: true, multibyte: 0 });
  assert.deepEqual(checkUtf8(Buffer.alloc(0)), { valid: true, multibyte: 0 });
  assert.deepEqual(checkUtf8(Buffer.from('a,Café,東京\n')), { valid: true, multibyte: 3 });
  assert.deepEqual(checkUtf8(Buffer.from([0x61, 0xff])), { valid: false, multibyte: 0 });
  assert.deepEqual(checkUtf8(Buffer.from([0x61, 0xe6, 0x9d])), { valid: true, multibyte: 0 });
});
