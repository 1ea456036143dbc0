// A report's logo: a data URL (the app reads the picked file in the renderer)
// or a file path (the command line's --logo), checked to be an image by its
// bytes — PNG, JPEG, GIF, WebP or SVG — and returned as a data URL to inline.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../shared/result.js';

const MAX_BYTES = 2 * 1024 * 1024;

export function imageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return null;
}

export function logoDataUrl(logo: string): string {
  if (logo.startsWith('data:')) {
    const match = /^data:(image\/[a-z+]+);base64,([A-Za-z0-9+/=\s]+)$/.exec(logo);
    if (!match) throw new EngineError('invalid_request', 'The logo is not a base64 image data URL.');
    const bytes = Buffer.from(match[2]!, 'base64');
    const type = imageType(bytes);
    if (!type) throw new EngineError('invalid_request', 'The logo is not a PNG, JPEG, GIF, WebP or SVG image.');
    return `data:${type};base64,${bytes.toString('base64')}`;
  }
  const file = path.resolve(logo);
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.size > MAX_BYTES) throw new EngineError('invalid_request', `The logo ${file} is larger than 2 MB.`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError('not_found', `The logo ${file} cannot be read: ${(error as Error).message}`);
  }
  const type = imageType(bytes);
  if (!type) throw new EngineError('invalid_request', `The logo ${file} is not a PNG, JPEG, GIF, WebP or SVG image.`);
  return `data:${type};base64,${bytes.toString('base64')}`;
}
