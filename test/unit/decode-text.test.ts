// The probe decodes UTF-8 without iconv-lite (main/ingest/sources/encoding.ts,
// decodeText): the text must be what iconv-lite's decode gives, BOM, broken
// and cut-off sequences included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeText } from '../../main/ingest/sources/encoding.js';

const samples: Record<string, Buffer> = {
  empty: Buffer.alloc(0),
  ascii: Buffer.from('customer_id,amount\nC1,12.50\n'),
  bom: Buffer.from('\uFEFFcustomer_id,名前\nC1,東京\n'),
  'bom only': Buffer.from([0xef, 0xbb, 0xbf]),
  'two boms': Buffer.from('\uFEFF\uFEFFa,b\n'),
  'bom cut off': Buffer.from([0xef, 0xbb]),
  'cut off at the end': Buffer.concat([Buffer.from('a,b\n1,'), Buffer.from('東', 'utf8').subarray(0, 2)]),
  'cut-off four-byte character': Buffer.concat([Buffer.from('x,'), Buffer.from('😀', 'utf8').subarray(0, 3)]),
  'invalid bytes': Buffer.from([0x61, 0xff, 0xfe, 0x2c, 0xc3, 0x28, 0x0a, 0xe2, 0x82, 0x41]),
  'surrogate encoded': Buffer.from([0xed, 0xa0, 0x80, 0x2c, 0x62]),
  'latin1 bytes': Buffer.from('café,naïve\n', 'latin1'),
};

test('decodeText gives iconv-lite\'s text for UTF-8', () => {
  for (const [name, bytes] of Object.entries(samples)) {
    assert.equal(decodeText(bytes, 'utf-8'), iconv.decode(bytes, 'utf-8'), name);
  }
});

test('decodeText decodes other encodings with iconv-lite', () => {
  const gbk = iconv.encode('客户,金额\n', 'gbk');
  assert.equal(decodeText(gbk, 'gbk'), '客户,金额\n');
  assert.equal(decodeText(Buffer.from('\uFEFFa,b', 'utf16le'), 'utf-16le'), iconv.decode(Buffer.from('\uFEFFa,b', 'utf16le'), 'utf-16le'));
});
