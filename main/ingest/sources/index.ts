// Reading any supported file: formats (CSV and other delimited text, gzip,
// Parquet, JSON, NDJSON, Excel) and encodings, behind one entry point.
export { openSource, type OpenOptions, type RelationOptions, type Source, type SourceProgress } from './open.js';
export { probeSource, type Probe, type ProbeOptions, type SourceFormat } from './probe.js';
export { detectEncoding, normalizeEncoding, type DetectedEncoding, type EncodingGuess } from './encoding.js';
export { explainReadError, isInterrupt } from './errors.js';
