// Every screen's strings exist in both languages: for each namespace the
// English and Simplified Chinese files have exactly the same nested keys, no
// Chinese string is empty (except where the English one is only whitespace, a
// separator), and both use the same {{placeholders}}.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGUAGES, resources } from '../../renderer/i18n/index.js';

type Tree = { readonly [key: string]: unknown };

/** "a.b.c" → the string at that path, for every leaf. */
function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, leaf] of leaves(value as Tree, path)) out.set(inner, leaf);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

test('the languages are English and Simplified Chinese', () => {
  assert.deepEqual([...LANGUAGES], ['en', 'zh-CN']);
  assert.deepEqual(Object.keys(resources).sort(), ['en', 'zh-CN']);
});

test('both languages have the same namespaces', () => {
  assert.deepEqual(Object.keys(resources['zh-CN']).sort(), Object.keys(resources.en).sort());
});

for (const namespace of Object.keys(resources.en) as (keyof (typeof resources)['en'])[]) {
  test(`namespace "${namespace}": en and zh-CN have the same keys, and every Chinese string is filled in`, () => {
    const en = leaves(resources.en[namespace] as Tree);
    const zh = leaves(resources['zh-CN'][namespace] as Tree);
    const missing = [...en.keys()].filter((key) => !zh.has(key));
    const extra = [...zh.keys()].filter((key) => !en.has(key));
    assert.deepEqual(missing, [], `keys in en but not in zh-CN (${namespace})`);
    assert.deepEqual(extra, [], `keys in zh-CN but not in en (${namespace})`);

    // Only whitespace in English (a separator between sentences, not text to translate) may be
    // empty in Chinese, which runs sentences together; any other value must be filled in.
    const separator = (key: string) => typeof en.get(key) === 'string' && (en.get(key) as string).trim() === '';
    const empty = [...zh]
      .filter(([key, value]) => typeof value !== 'string' || (value.trim() === '' && !separator(key)))
      .map(([key]) => key);
    assert.deepEqual(empty, [], `zh-CN values that are empty or not text (${namespace})`);

    const mismatched = [...en]
      .filter(([key, value]) => typeof value === 'string' && typeof zh.get(key) === 'string')
      .filter(([key, value]) => placeholders(value as string).join() !== placeholders(zh.get(key) as string).join())
      .map(([key]) => key);
    assert.deepEqual(mismatched, [], `strings whose {{placeholders}} differ between en and zh-CN (${namespace})`);
  });
}
