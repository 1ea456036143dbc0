// Time zones of timestamps as billing systems write them: the zone
// abbreviations and offsets after a time ("2022-01-01 03:10:36 PST",
// "… -0400", "…+08:00", "…Z"), and the reporting time zone every date is
// taken in. An abbreviation names a fixed offset, so "PST" in July is still
// UTC−8: it is what the exporting system wrote, not a guess about the place.

/** Minutes east of UTC of the abbreviations exports write. Ambiguous ones (IST: India, Ireland or Israel) are left out. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  // North America. CST is US Central, as in US billing systems' exports (China Standard Time is written +08:00).
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nst: -210, ndt: -150,
  // Europe.
  wet: 0, west: 60, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180, msk: 180,
  // Asia and Oceania.
  hkt: 480, sgt: 480, awst: 480, jst: 540, kst: 540, acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
};

/** The default reporting time zone. */
export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * A zone after a time, in normalized (lower-case) text: z, utc, gmt, utc+8,
 * gmt-05:00, +08:00, -0400, +08, or an abbreviation above.
 */
export const ZONE_PATTERN = `(?:z|(?:utc|gmt)(?: *[+-]\\d{1,2}(?::?\\d{2})?)?|[+-]\\d{2}(?::?\\d{2})?|${Object.keys(ZONE_ABBREVIATIONS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/** Minutes east of UTC of a zone matched by ZONE_PATTERN; null for text that is not one. */
export function zoneOffsetMinutes(zone: string): number | null {
  const z = zone.replace(/\s+/g, '');
  if (z === 'z' || z === 'utc' || z === 'gmt') return 0;
  const abbreviation = ZONE_ABBREVIATIONS[z];
  if (abbreviation !== undefined) return abbreviation;
  const m = /^(?:utc|gmt)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** SQL twin of zoneOffsetMinutes over a zone text (BIGINT, NULL when it is not a zone). */
export function zoneOffsetSql(zoneSql: string): string {
  const named = Object.entries({ z: 0, utc: 0, gmt: 0, ...ZONE_ABBREVIATIONS })
    .map(([name, minutes]) => `WHEN '${name}' THEN ${minutes}`)
    .join(' ');
  const numeric = `regexp_extract(z, '^(?:utc|gmt)?([+-])(\\d{1,2})(?::?(\\d{2}))?$', ['s', 'h', 'm'])`;
  const [sign, hours, minutes] = ['s', 'h', 'm'].map((name) => `struct_extract(o, '${name}')`);
  const signed = `CASE WHEN ${hours} <> '' THEN (CASE ${sign} WHEN '-' THEN -1 ELSE 1 END) * (CAST(${hours} AS BIGINT) * 60 + coalesce(TRY_CAST(${minutes} AS BIGINT), 0)) END`;
  return `list_transform([replace(${zoneSql}, ' ', '')], lambda z: coalesce(CASE z ${named} END, list_transform([${numeric}], lambda o: ${signed})[1]))[1]`;
}

const zoneNameCache = new Map<string, boolean>();

/** Whether a time zone name is one Intl (and DuckDB's ICU) knows: 'UTC', 'America/Los_Angeles', 'Asia/Shanghai'… */
export function isTimeZone(name: string): boolean {
  // The default, known without asking Intl: its first time zone check loads ICU's zone data (11-24 ms), which
  // every import of a UTC workspace paid for this answer alone.
  if (name === 'UTC') return true;
  let known = zoneNameCache.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name);
    } catch {
      known = false;
    }
    zoneNameCache.set(name, known);
  }
  return known;
}

/** The time zone name, or an error naming it: every entry point checks a zone before it reaches SQL. */
export function checkTimeZone(name: string): string {
  if (!isTimeZone(name)) {
    throw new Error(`"${name}" is not a time zone: use a name such as UTC, America/Los_Angeles, Europe/Berlin or Asia/Shanghai`);
  }
  return name;
}

const isUtc = (zone: string) => ['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal'].includes(zone.toLowerCase());
export const isUtcZone = isUtc;

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(zone: string, epochMs: number): { y: number; m: number; d: number; h: number; mi: number } {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(new Date(epochMs)).map((p) => [p.type, p.value]));
  return { y: Number(parts.year), m: Number(parts.month), d: Number(parts.day), h: Number(parts.hour), mi: Number(parts.minute) };
}

/** Minutes east of UTC of a named zone at an instant. */
function offsetAt(zone: string, epochMs: number): number {
  if (isUtc(zone)) return 0;
  const p = partsIn(zone, epochMs);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi);
  return Math.round((asUtc - Math.floor(epochMs / 60_000) * 60_000) / 60_000);
}

/** The instant (ms) of a wall-clock time in a named zone, as ICU resolves it (the offset in force at that time). */
export function wallClockToEpoch(y: number, m: number, d: number, minutesOfDay: number, zone: string): number {
  const wall = Date.UTC(y, m - 1, d) + minutesOfDay * 60_000;
  if (isUtc(zone)) return wall;
  const first = wall - offsetAt(zone, wall) * 60_000;
  return wall - offsetAt(zone, first) * 60_000;
}

/** 'YYYY-MM-DD' of an instant in a named zone. */
export function dateInZone(epochMs: number, zone: string): string | null {
  if (!Number.isFinite(epochMs)) return null;
  if (isUtc(zone)) {
    const date = new Date(epochMs);
    const y = date.getUTCFullYear();
    if (y < 0 || y > 9999) return null;
    return `${String(y).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
  }
  const p = partsIn(zone, epochMs);
  if (p.y < 0 || p.y > 9999) return null;
  return `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}
