// JSON that keeps binary fields: a Uint8Array nested in a response (Arrow
// bytes beside a count, say) crosses HTTP as {"$base64": "…"} and comes back
// as a Uint8Array. Electron's IPC needs none of this (structured clone).

const KEY = '$base64';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function stringifyWithBytes(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { [KEY]: toBase64(v) } : v));
}

export function parseWithBytes(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === KEY && typeof (v as Record<string, unknown>)[KEY] === 'string') {
        return fromBase64((v as Record<string, string>)[KEY]!);
      }
    }
    return v;
  });
}
