// Deterministic generator of a realistic B2B SaaS billing export: a customers
// table and a subscriptions table (one row per subscription period between
// plan changes). Pure logic, no IO: rows are produced customer by customer
// from generators, so any number of customers streams in flat memory.
//
// Every customer draws from its own PRNG stream, seeded from (seed, index), so
// a customer's history does not depend on how many customers come before it.
// Dates are day numbers internally and never read the clock: the data window
// is fixed by the options, so the same options always give the same bytes.

// ---------------------------------------------------------------- options

export interface SampleOptions {
  /** Number of customers to simulate (a few are deliberately left out of customers.csv). */
  customers: number;
  /** PRNG seed, an unsigned 32-bit integer. */
  seed: number;
  /** First month of the company's billing history, YYYY-MM. */
  start: string;
  /** Length of the history in months; data is "as of" the first day after it. */
  months: number;
}

/** The committed sample in assets/sample is generated with exactly these. */
export const DEFAULT_SAMPLE_OPTIONS: Readonly<SampleOptions> = Object.freeze({
  customers: 10000,
  seed: 42,
  start: '2023-01',
  months: 36,
});

export const CUSTOMER_COLUMNS = [
  'customer_id',
  'company_name',
  'employees',
  'country',
  'industry',
  'signup_date',
] as const;

export const SUBSCRIPTION_COLUMNS = [
  'subscription_id',
  'customer_id',
  'plan',
  'billing_interval',
  'amount',
  'currency',
  'quantity',
  'discount_pct',
  'start_date',
  'end_date',
  'status',
  'canceled_at',
  'cancellation_reason',
  'churn_type',
] as const;

export interface CustomerRow {
  customer_id: string;
  company_name: string;
  employees: number;
  country: string;
  industry: string;
  signup_date: string;
}

export interface SubscriptionRow {
  subscription_id: string;
  customer_id: string;
  plan: string;
  billing_interval: string;
  /** Price per billing interval for all seats, before discount, excluding tax (2 decimals). */
  amount: number;
  currency: string;
  quantity: number;
  discount_pct: number;
  start_date: string;
  /** Exclusive: the first day no longer paid. '' while active. */
  end_date: string;
  status: string;
  canceled_at: string;
  cancellation_reason: string;
  churn_type: string;
}

/** One simulated customer. `customer` is null for the few deliberately orphaned ones. */
export interface CustomerRecord {
  customer: CustomerRow | null;
  subscriptions: SubscriptionRow[];
}

export type MessKind = 'duplicate' | 'orphan' | 'end_before_start' | 'refund' | 'odd_text' | 'blank_field';

/** Probability per customer of each deliberate data problem (plus one forced instance each). */
export const MESS_RATES: Readonly<Record<MessKind, number>> = Object.freeze({
  duplicate: 0.0015,
  orphan: 0.001,
  end_before_start: 0.001,
  refund: 0.002,
  odd_text: 0.006,
  blank_field: 0.003,
});
const MESS_KINDS = Object.keys(MESS_RATES) as MessKind[];

export function validateOptions(o: SampleOptions): void {
  if (!Number.isInteger(o.customers) || o.customers < 1 || o.customers > 50_000_000) {
    throw new RangeError(`customers must be an integer from 1 to 50,000,000 (got ${o.customers})`);
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) {
    throw new RangeError(`seed must be an unsigned 32-bit integer (got ${o.seed})`);
  }
  parseMonth(o.start);
  if (!Number.isInteger(o.months) || o.months < 1 || o.months > 600) {
    throw new RangeError(`months must be an integer from 1 to 600 (got ${o.months})`);
  }
}

/** 'YYYY-MM' → [year, month]; throws on anything else. */
export function parseMonth(s: string): [number, number] {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  const year = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12 || year < 1900 || year > 2200) {
    throw new RangeError(`expected a month as YYYY-MM (got ${JSON.stringify(s)})`);
  }
  return [year, month];
}

/** The YYYY-MM that starts a window of `months` months ending with `end` (inclusive). */
export function startForEnd(end: string, months: number): string {
  const [y, m] = parseMonth(end);
  const idx = y * 12 + (m - 1) - (months - 1);
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

// ---------------------------------------------------------------- PRNG

/** A 32-bit integer hash (the splitmix32 finaliser); used to derive stream seeds. */
export function hash32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z ^= z >>> 16;
  z = Math.imul(z, 0x21f0aaad);
  z ^= z >>> 15;
  z = Math.imul(z, 0x735a2d97);
  z ^= z >>> 15;
  return z >>> 0;
}

/** FNV-1a of a string: lets the CLI accept a non-numeric seed. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i += 1) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for synthetic data. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/** A weighted choice with its cumulative table built once. */
class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];

  constructor(pairs: ReadonlyArray<readonly [T, number]>) {
    const nonzero = pairs.filter(([, w]) => w > 0);
    const total = nonzero.reduce((sum, [, w]) => sum + w, 0);
    let acc = 0;
    this.items = nonzero.map(([item]) => item);
    this.cumulative = nonzero.map(([, w]) => (acc += w / total));
  }

  pick(r: Rng): T {
    const u = r.next();
    const c = this.cumulative;
    for (let i = 0; i < c.length - 1; i += 1) if (u < (c[i] as number)) return this.items[i] as T;
    return this.items[this.items.length - 1] as T;
  }
}

// ---------------------------------------------------------------- dates

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil: [year, month, day]. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** A date k months after (y, m, d), the day clamped to the month's length (Jan 31 + 1 → Feb 28/29). */
function addMonthsCivil(y: number, m: number, d: number, k: number): number {
  const idx = y * 12 + (m - 1) + k;
  const ny = Math.floor(idx / 12);
  const nm = idx - ny * 12 + 1;
  return daysFromCivil(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function addMonths(day: number, k: number): number {
  const [y, m, d] = civilFromDays(day);
  return addMonthsCivil(y, m, d, k);
}

const ISO_BASE = daysFromCivil(1900, 1, 1);
const isoCache: string[] = [];

/** YYYY-MM-DD of a day number (memoised: the same few thousand days recur millions of times). */
export function isoDate(day: number): string {
  const idx = day - ISO_BASE;
  const hit = isoCache[idx];
  if (hit !== undefined) return hit;
  const [y, m, d] = civilFromDays(day);
  const s = `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  if (idx >= 0 && idx < 150_000) isoCache[idx] = s;
  return s;
}

// ---------------------------------------------------------------- the business

const PLAN_NAMES = ['Free trial', 'Starter', 'Growth', 'Business', 'Enterprise'] as const;
const TRIAL = 0;
const STARTER = 1;
const BUSINESS = 3;
const ENTERPRISE = 4;

type Currency = 'USD' | 'EUR' | 'GBP';
type Interval = 'month' | 'year';

/** List price per seat per month, and a platform fee per month, in cents, by currency. */
const SEAT_PRICE: Record<Currency, readonly number[]> = {
  USD: [0, 1500, 3500, 6500, 9900],
  EUR: [0, 1400, 3200, 6000, 9200],
  GBP: [0, 1200, 2800, 5200, 7900],
};
const PLATFORM_FEE: Record<Currency, readonly number[]> = {
  USD: [0, 0, 0, 19900, 150000],
  EUR: [0, 0, 0, 17900, 140000],
  GBP: [0, 0, 0, 15900, 120000],
};
const MAX_SEATS = 1000;

/** Amount per billing interval in cents: seats at a volume-tiered price plus the platform fee; a year costs 10 months. */
function priceCents(plan: number, interval: Interval, seats: number, currency: Currency): number {
  if (plan === TRIAL) return 0;
  const unit = SEAT_PRICE[currency][plan] as number;
  const tier = seats <= 25 ? 1 : seats <= 100 ? 0.9 : seats <= 500 ? 0.8 : 0.7;
  const monthly = Math.round(unit * seats * tier) + (PLATFORM_FEE[currency][plan] as number);
  return interval === 'year' ? monthly * 10 : monthly;
}

interface Segment {
  name: 'SMB' | 'Mid-market' | 'Enterprise';
  minEmployees: number;
  maxEmployees: number;
  /** Skew of the log-uniform employee draw (>1 favours the small end). */
  employeeSkew: number;
  seatShare: readonly [number, number];
  plans: Weighted<number>;
  topPlan: number;
  yearly: number;
  trial: number;
  trialConverts: number;
  /** Churn hazard per monthly renewal, and per annual renewal. */
  monthlyHazard: number;
  annualHazard: number;
  involuntary: number;
  involuntaryReasons: Weighted<string>;
  voluntaryReasons: Weighted<string>;
  /** Chance per month of an upgrade, and of a downgrade at a renewal. */
  upgrade: number;
  downgrade: number;
  switchToAnnual: number;
  reactivate: number;
  secondSubscription: number;
  discount: number;
}

const SEGMENTS: readonly Segment[] = [
  {
    name: 'SMB',
    minEmployees: 1,
    maxEmployees: 99,
    employeeSkew: 1.3,
    seatShare: [0.3, 1],
    plans: new Weighted([[1, 55], [2, 35], [3, 10]]),
    topPlan: BUSINESS,
    yearly: 0.2,
    trial: 0.5,
    trialConverts: 0.65,
    monthlyHazard: 0.042,
    annualHazard: 0.38,
    involuntary: 0.35,
    involuntaryReasons: new Weighted([['payment failed', 65], ['company closed', 30], ['acquired', 5]]),
    voluntaryReasons: new Weighted([
      ['too expensive', 32],
      ['no longer needed', 18],
      ['switched to competitor', 14],
      ['missing features', 12],
      ['product too complex', 8],
      ['poor support', 5],
      ['', 11],
    ]),
    upgrade: 0.01,
    downgrade: 0.012,
    switchToAnnual: 0.004,
    reactivate: 0.14,
    secondSubscription: 0.02,
    discount: 0.1,
  },
  {
    name: 'Mid-market',
    minEmployees: 100,
    maxEmployees: 999,
    employeeSkew: 1.2,
    seatShare: [0.08, 0.35],
    plans: new Weighted([[1, 10], [2, 40], [3, 40], [4, 10]]),
    topPlan: ENTERPRISE,
    yearly: 0.45,
    trial: 0.3,
    trialConverts: 0.75,
    monthlyHazard: 0.019,
    annualHazard: 0.2,
    involuntary: 0.22,
    involuntaryReasons: new Weighted([['payment failed', 70], ['company closed', 10], ['acquired', 20]]),
    voluntaryReasons: new Weighted([
      ['switched to competitor', 26],
      ['too expensive', 22],
      ['missing features', 20],
      ['no longer needed', 10],
      ['poor support', 8],
      ['product too complex', 6],
      ['', 8],
    ]),
    upgrade: 0.014,
    downgrade: 0.012,
    switchToAnnual: 0.006,
    reactivate: 0.1,
    secondSubscription: 0.06,
    discount: 0.15,
  },
  {
    name: 'Enterprise',
    minEmployees: 1000,
    maxEmployees: 80000,
    employeeSkew: 1.6,
    seatShare: [0.01, 0.08],
    plans: new Weighted([[2, 10], [3, 35], [4, 55]]),
    topPlan: ENTERPRISE,
    yearly: 0.75,
    trial: 0.1,
    trialConverts: 0.85,
    monthlyHazard: 0.012,
    annualHazard: 0.12,
    involuntary: 0.15,
    involuntaryReasons: new Weighted([['payment failed', 40], ['company closed', 10], ['acquired', 50]]),
    voluntaryReasons: new Weighted([
      ['switched to competitor', 32],
      ['missing features', 26],
      ['too expensive', 14],
      ['poor support', 10],
      ['no longer needed', 8],
      ['', 10],
    ]),
    upgrade: 0.018,
    downgrade: 0.014,
    switchToAnnual: 0.01,
    reactivate: 0.06,
    secondSubscription: 0.12,
    discount: 0.3,
  },
];
const SEGMENT_SHARE = new Weighted<Segment>(SEGMENTS.map((s, i) => [s, [68, 24, 8][i] as number] as const));

interface Country {
  code: string;
  weight: number;
  /** Chance of billing in the local currency rather than USD. */
  local?: readonly [Currency, number];
  legal: readonly string[];
}

const EU_LOCAL: readonly [Currency, number] = ['EUR', 0.75];
const COUNTRIES: readonly Country[] = [
  { code: 'US', weight: 42, legal: ['Inc', 'LLC', 'Corp', 'Inc.', 'Co'] },
  { code: 'GB', weight: 10, local: ['GBP', 0.85], legal: ['Ltd', 'Limited', 'PLC', 'LLP'] },
  { code: 'DE', weight: 7, local: EU_LOCAL, legal: ['GmbH', 'AG', 'GmbH & Co. KG'] },
  { code: 'CA', weight: 6, legal: ['Inc', 'Ltd', 'Corp'] },
  { code: 'FR', weight: 4, local: EU_LOCAL, legal: ['SAS', 'SARL', 'SA'] },
  { code: 'AU', weight: 4, legal: ['Pty Ltd', 'Ltd'] },
  { code: 'NL', weight: 3, local: EU_LOCAL, legal: ['B.V.', 'N.V.'] },
  { code: 'IN', weight: 3, legal: ['Pvt Ltd', 'Ltd'] },
  { code: 'SE', weight: 2, legal: ['AB'] },
  { code: 'ES', weight: 2, local: EU_LOCAL, legal: ['S.L.', 'S.A.'] },
  { code: 'IT', weight: 2, local: EU_LOCAL, legal: ['S.r.l.', 'S.p.A.'] },
  { code: 'IE', weight: 2, local: EU_LOCAL, legal: ['Ltd', 'DAC'] },
  { code: 'BR', weight: 2, legal: ['Ltda', 'S.A.'] },
  { code: 'CH', weight: 1.5, legal: ['AG', 'GmbH', 'SA'] },
  { code: 'SG', weight: 1.5, legal: ['Pte Ltd'] },
  { code: 'JP', weight: 1.5, legal: ['K.K.', 'G.K.'] },
  { code: 'DK', weight: 1, legal: ['ApS', 'A/S'] },
  { code: 'NO', weight: 1, legal: ['AS', 'ASA'] },
  { code: 'PL', weight: 1, legal: ['Sp. z o.o.', 'S.A.'] },
  { code: 'BE', weight: 1, local: EU_LOCAL, legal: ['BV', 'NV', 'SRL'] },
  { code: 'AT', weight: 1, local: EU_LOCAL, legal: ['GmbH', 'AG'] },
  { code: 'FI', weight: 1, local: EU_LOCAL, legal: ['Oy', 'Oyj'] },
  { code: 'MX', weight: 1, legal: ['S.A. de C.V.'] },
  { code: 'ZA', weight: 1, legal: ['(Pty) Ltd'] },
  { code: 'NZ', weight: 1, legal: ['Ltd', 'Limited'] },
  { code: 'IL', weight: 0.5, legal: ['Ltd'] },
];
const COUNTRY_PICK = new Weighted<Country>(COUNTRIES.map((c) => [c, c.weight] as const));

const INDUSTRIES = new Weighted<string>([
  ['Software', 20],
  ['Professional Services', 12],
  ['Financial Services', 10],
  ['Retail', 9],
  ['Healthcare', 8],
  ['Manufacturing', 8],
  ['Media', 6],
  ['Education', 6],
  ['Logistics', 5],
  ['Real Estate', 5],
  ['Hospitality', 4],
  ['Nonprofit', 3],
  ['Energy', 2],
  ['Telecommunications', 2],
]);

const NAME_FIRST = [
  'Acme', 'Apex', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Blue Harbor', 'Bright', 'Cedar', 'Cobalt', 'Copper',
  'Crescent', 'Delta', 'Ember', 'Evergreen', 'Falcon', 'Fjord', 'Granite', 'Harbor', 'Helix', 'Horizon', 'Indigo',
  'Iron', 'Juniper', 'Keystone', 'Lantern', 'Lumen', 'Maple', 'Meridian', 'Nimbus', 'North Star', 'Northwind',
  'Oak', 'Orbit', 'Pioneer', 'Polaris', 'Prairie', 'Quantum', 'Redwood', 'Ridge', 'River', 'Sage', 'Sierra',
  'Silver', 'Solstice', 'Summit', 'Tandem', 'Tidal', 'Trident', 'True North', 'Union', 'Vertex', 'Vista', 'Willow',
  'Zenith', 'Bluebird', 'Kestrel', 'Lighthouse', 'Mosaic', 'Paragon',
];
const NAME_SECOND = [
  'Analytics', 'Labs', 'Systems', 'Logistics', 'Health', 'Foods', 'Studio', 'Partners', 'Capital', 'Consulting',
  'Digital', 'Dynamics', 'Energy', 'Group', 'Holdings', 'Industries', 'Media', 'Networks', 'Retail', 'Robotics',
  'Software', 'Solutions', 'Technologies', 'Ventures', 'Works', 'Design', 'Learning', 'Clinics', 'Freight', 'Supply',
];
// Surname-style names: apostrophes, non-ASCII letters and commas (which force CSV quoting).
const SURNAMES = [
  "O'Brien", 'Müller', 'García', 'Nguyen', 'Kowalski', 'Dubois', 'Johansson', 'Rossi', 'Patel', 'Schäfer',
  'Smith', 'Okafor', 'Tanaka', 'Van der Berg', 'Novák', 'Łukasz', "D'Angelo", 'Núñez', 'Ødegaard', 'Chen',
];

function companyName(r: Rng, country: Country): string {
  const legal = r.pick(country.legal);
  const u = r.next();
  if (u < 0.06) return `${r.pick(SURNAMES)}, ${r.pick(SURNAMES)} & Co`;
  if (u < 0.18) return `${r.pick(SURNAMES)} ${r.pick(NAME_SECOND)} ${legal}`;
  return `${r.pick(NAME_FIRST)} ${r.pick(NAME_SECOND)} ${legal}`;
}

// ---------------------------------------------------------------- simulation

/** A subscription row before formatting: day numbers and cents. */
interface Sub {
  plan: number;
  interval: Interval;
  cents: number;
  currency: Currency;
  seats: number;
  discount: number;
  start: number;
  end: number | null;
  canceledAt: number | null;
  reason: string;
  churnType: '' | 'voluntary' | 'involuntary';
}

interface Draft {
  segment: Segment;
  employees: number;
  currency: Currency;
  signup: number;
}

interface Window {
  /** First day of the history. */
  from: number;
  /** Exclusive end: the "as of" day. Nothing on or after it is known. */
  asOf: number;
}

const NO_RETURN = new Set(['company closed', 'acquired']);

function drawSeats(r: Rng, d: Draft): number {
  const [lo, hi] = d.segment.seatShare;
  return Math.max(1, Math.min(MAX_SEATS, Math.round(d.employees * r.range(lo, hi))));
}

function drawDiscount(r: Rng, s: Segment, winBack: boolean): number {
  if (r.chance(0.003)) return 100; // partner / internal accounts: not paying customers
  if (winBack && r.chance(0.35)) return 20;
  if (!r.chance(s.discount)) return 0;
  return [10, 10, 15, 20, 20, 25, 30, 50][r.int(0, 7)] as number;
}

function row(
  plan: number,
  interval: Interval,
  seats: number,
  discount: number,
  currency: Currency,
  start: number,
): Sub {
  return {
    plan,
    interval,
    cents: priceCents(plan, interval, seats, currency),
    currency,
    seats,
    discount: plan === TRIAL ? 0 : discount,
    start,
    end: null,
    canceledAt: null,
    reason: '',
    churnType: '',
  };
}

/** Ends `s` at `end` for a non-churn reason (a plan change, a trial ending). */
function close(s: Sub, end: number, reason: string): Sub {
  s.end = end;
  s.canceledAt = end;
  s.reason = reason;
  return s;
}

/** Draws when and why a subscription renewing at `boundary` is lost; null if the cancellation is not yet final as of the window end. */
function churn(r: Rng, s: Sub, seg: Segment, boundary: number, w: Window): Sub | null {
  const involuntary = r.chance(seg.involuntary);
  const reason = involuntary ? seg.involuntaryReasons.pick(r) : seg.voluntaryReasons.pick(r);
  let canceledAt: number;
  if (reason === 'payment failed') {
    // Dunning: the renewal charge fails, retries run for one to three weeks, then the subscription is cancelled.
    canceledAt = boundary + r.int(7, 21);
    if (canceledAt >= w.asOf) return null;
  } else {
    const notice = s.interval === 'year' ? r.int(0, 60) : r.int(0, 20);
    canceledAt = Math.max(s.start, boundary - notice);
  }
  s.end = boundary;
  s.canceledAt = canceledAt;
  s.reason = reason;
  s.churnType = involuntary ? 'involuntary' : 'voluntary';
  return s;
}

/**
 * One uninterrupted run of paid subscription rows from `start`, through
 * upgrades, downgrades and billing changes, until the customer churns or the
 * window ends. Returns the final row (ended by churn, or still active).
 */
function paidChain(r: Rng, d: Draft, start: number, w: Window, out: Sub[], winBack: boolean): Sub {
  const seg = d.segment;
  let plan = seg.plans.pick(r);
  if (winBack && plan > STARTER && r.chance(0.4)) plan -= 1;
  let interval: Interval = plan === ENTERPRISE || r.chance(seg.yearly) ? 'year' : 'month';
  let seats = drawSeats(r, d);
  const discount = drawDiscount(r, seg, winBack);
  let cur = row(plan, interval, seats, discount, d.currency, start);
  out.push(cur);
  let tenure = 0;
  for (;;) {
    // Walk this row's monthly boundaries until it changes, churns or the window ends.
    const [ay, am, ad] = civilFromDays(cur.start);
    let prev = cur.start;
    let change: { at: number; reason: string } | null = null;
    for (let k = 1; change === null; k += 1) {
      const boundary = addMonthsCivil(ay, am, ad, k);
      if (boundary >= w.asOf) return cur;
      tenure += 1;
      const renewal = interval === 'month' || k % 12 === 0;
      const u = r.next();
      const before = { plan, interval, seats };
      let at = boundary;
      let reason = '';
      if (u < seg.upgrade) {
        // Expansion can happen any day; the new row starts that day.
        at = prev + r.int(1, boundary - prev);
        if (plan < seg.topPlan && r.chance(0.45)) plan += 1;
        else seats = Math.min(MAX_SEATS, seats + Math.max(1, Math.round(seats * r.range(0.1, 0.6))));
        if (plan === ENTERPRISE) interval = 'year';
        reason = 'upgrade';
      } else if (renewal && u < seg.upgrade + seg.downgrade * (interval === 'year' ? 8 : 1)) {
        // Contraction takes effect at a renewal.
        if (plan > STARTER && r.chance(0.4)) plan -= 1;
        else seats = Math.max(1, seats - Math.max(1, Math.round(seats * r.range(0.1, 0.4))));
        reason = 'downgrade';
      } else if (renewal && interval === 'month' && r.chance(seg.switchToAnnual)) {
        interval = 'year';
        reason = 'billing change';
      }
      if (reason !== '' && (plan !== before.plan || seats !== before.seats || interval !== before.interval)) {
        change = { at, reason };
      } else if (renewal) {
        let hazard = interval === 'month' ? seg.monthlyHazard : seg.annualHazard;
        if (tenure <= 3) hazard *= 1.6; // new customers churn fastest
        if (r.chance(hazard) && churn(r, cur, seg, boundary, w) !== null) return cur;
      }
      prev = boundary;
    }
    close(cur, change.at, change.reason);
    cur = row(plan, interval, seats, discount, d.currency, change.at);
    out.push(cur);
  }
}

/** A second, concurrent subscription (another team): losing it alone is contraction, not churn. */
function secondSubscription(r: Rng, d: Draft, first: Sub, last: Sub, w: Window): Sub | null {
  const seg = d.segment;
  const limit = last.end ?? w.asOf;
  const start = addMonths(first.start, r.int(1, 12)) + r.int(0, 27);
  if (start >= limit - 31) return null;
  const plan = seg.plans.pick(r);
  const interval: Interval = plan === ENTERPRISE || r.chance(seg.yearly) ? 'year' : 'month';
  const seats = Math.max(1, Math.round(drawSeats(r, d) * r.range(0.1, 0.4)));
  const s = row(plan, interval, seats, 0, d.currency, start);
  const [y, m, dd] = civilFromDays(start);
  for (let k = 1; ; k += 1) {
    const boundary = addMonthsCivil(y, m, dd, k);
    if (boundary >= limit) break;
    const renewal = interval === 'month' || k % 12 === 0;
    const hazard = interval === 'month' ? seg.monthlyHazard : seg.annualHazard;
    if (renewal && r.chance(hazard)) {
      s.end = boundary;
      s.canceledAt = Math.max(start, boundary - r.int(0, 20));
      s.reason = r.pick(['no longer needed', 'too expensive', 'missing features', 'no longer needed']);
      s.churnType = 'voluntary';
      return s;
    }
  }
  if (last.end !== null) {
    // Still running when the customer leaves: it ends with the main subscription, for the same reason.
    s.end = last.end;
    s.canceledAt = last.canceledAt;
    s.reason = last.reason;
    s.churnType = last.churnType;
  }
  return s;
}

/** A customer's full subscription history, in start-date order. */
function simulate(r: Rng, d: Draft, w: Window): Sub[] {
  const seg = d.segment;
  const subs: Sub[] = [];
  let day = d.signup;
  if (r.chance(seg.trial)) {
    const trial = row(TRIAL, 'month', drawSeats(r, d), 0, d.currency, day);
    subs.push(trial);
    const trialEnd = day + (r.chance(0.75) ? 14 : 30);
    if (trialEnd >= w.asOf) return subs;
    if (!r.chance(seg.trialConverts)) {
      close(trial, trialEnd, 'trial expired');
      return subs;
    }
    close(trial, trialEnd, 'trial converted');
    day = trialEnd;
  }
  let first: Sub | null = null;
  let firstLast: Sub | null = null;
  for (let winBack = false; ; winBack = true) {
    const chainStart = subs.length;
    const last = paidChain(r, d, day, w, subs, winBack);
    if (first === null) {
      first = subs[chainStart] as Sub;
      firstLast = last;
    }
    if (last.end === null || NO_RETURN.has(last.reason)) break;
    const p = last.reason === 'payment failed' ? seg.reactivate * 2 : seg.reactivate;
    if (!r.chance(p)) break;
    // Back after one to six months without paying.
    const gap = [1, 1, 2, 2, 3, 3, 4, 5, 6][r.int(0, 8)] as number;
    day = addMonths(last.end, gap) + r.int(0, 14);
    if (day >= w.asOf) break;
  }
  if (first !== null && firstLast !== null && r.chance(seg.secondSubscription)) {
    const extra = secondSubscription(r, d, first, firstLast, w);
    if (extra !== null) {
      subs.push(extra);
      subs.sort((a, b) => a.start - b.start); // stable: chain order kept on ties
    }
  }
  return subs;
}

// ---------------------------------------------------------------- messy rows

const ODD_CASE: ReadonlyArray<(s: string) => string> = [
  (s) => ` ${s}`,
  (s) => `${s} `,
  (s) => s.toUpperCase(),
  (s) => s.toLowerCase(),
  (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  (s) => ` ${s.toLowerCase()}`,
];

function oddCase(r: Rng, s: string): string {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const t = r.pick(ODD_CASE)(s);
    if (t !== s) return t;
  }
  return ` ${s}`;
}

const MANGLEABLE = ['plan', 'billing_interval', 'currency', 'status', 'churn_type', 'cancellation_reason'] as const;

// ---------------------------------------------------------------- generators

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Customer by customer: the customer row (null when orphaned on purpose) and its subscription rows. */
export function* generateSample(options: SampleOptions = DEFAULT_SAMPLE_OPTIONS): Generator<CustomerRecord> {
  validateOptions(options);
  const [sy, sm] = parseMonth(options.start);
  const w: Window = { from: daysFromCivil(sy, sm, 1), asOf: addMonthsCivil(sy, sm, 1, options.months) };
  const span = w.asOf - w.from;
  const n = options.customers;
  const customerWidth = Math.max(6, String(n).length);
  const subWidth = Math.max(7, String(n).length + 1);
  const root = hash32(options.seed);
  // Each kind of mess is forced once at a fixed position (and carried forward if
  // that customer cannot host it), so even a small sample shows every kind.
  const forcedAt = new Map<number, MessKind[]>();
  MESS_KINDS.forEach((kind, k) => {
    const at = Math.floor(((k + 0.5) * n) / MESS_KINDS.length);
    forcedAt.set(at, [...(forcedAt.get(at) ?? []), kind]);
  });
  const pending = new Set<MessKind>();
  let nextSub = 1;
  // New signups grow linearly over the window: the last month sees `1 + GROWTH` times the first.
  const GROWTH = 1.5;

  for (let i = 0; i < n; i += 1) {
    const customerSeed = hash32(root ^ hash32(i));
    const r = new Rng(customerSeed);
    const segment = SEGMENT_SHARE.pick(r);
    const lo = Math.log(segment.minEmployees);
    const hi = Math.log(segment.maxEmployees + 1);
    const employees = Math.min(
      segment.maxEmployees,
      Math.floor(Math.exp(lo + (hi - lo) * Math.pow(r.next(), segment.employeeSkew))),
    );
    const country = COUNTRY_PICK.pick(r);
    const currency: Currency = country.local && r.chance(country.local[1]) ? country.local[0] : 'USD';
    const industry = INDUSTRIES.pick(r);
    const name = companyName(r, country);
    const u = r.next();
    const t = (Math.sqrt(1 + GROWTH * (2 + GROWTH) * u) - 1) / GROWTH;
    const signup = w.from + Math.min(span - 1, Math.floor(t * span));
    const draft: Draft = { segment, employees, currency, signup };
    const subs = simulate(r, draft, w);

    // Deliberate problems, from a separate stream so they never shift the clean data.
    const m = new Rng(hash32(customerSeed ^ 0x5bd1e995));
    for (const kind of forcedAt.get(i) ?? []) pending.add(kind);
    const wanted = new Set<MessKind>();
    for (const kind of MESS_KINDS) if (m.chance(MESS_RATES[kind]) || pending.has(kind)) wanted.add(kind);

    const endedPaid = subs.filter((s) => s.end !== null && s.plan !== TRIAL);
    if (wanted.has('refund')) {
      const target = endedPaid[endedPaid.length - 1];
      if (target && target.end !== null) {
        // A refund line for (part of) the last paid period, as billing systems export credit notes.
        const periodStart = Math.max(target.start, addMonths(target.end, target.interval === 'year' ? -12 : -1));
        const share = m.chance(0.5) ? 1 : 0.5;
        subs.push({
          ...target,
          cents: -Math.round(target.cents * share),
          discount: 0,
          start: periodStart,
          canceledAt: null,
          reason: 'refund',
          churnType: '',
        });
        pending.delete('refund');
      } else wanted.delete('refund');
    }
    if (wanted.has('end_before_start')) {
      const target = endedPaid[m.int(0, endedPaid.length - 1)];
      if (target) {
        target.end = target.start - m.int(1, 45); // keyed in the wrong way round
        pending.delete('end_before_start');
      } else wanted.delete('end_before_start');
    }

    const customerId = `C${pad(i + 1, customerWidth)}`;
    const rows: SubscriptionRow[] = subs.map((s) => ({
      subscription_id: `S${pad(nextSub++, subWidth)}`,
      customer_id: customerId,
      plan: PLAN_NAMES[s.plan] as string,
      billing_interval: s.interval,
      amount: s.cents / 100,
      currency: s.currency,
      quantity: s.seats,
      discount_pct: s.discount,
      start_date: isoDate(s.start),
      end_date: s.end === null ? '' : isoDate(s.end),
      status: s.end === null ? 'active' : 'canceled',
      canceled_at: s.canceledAt === null ? '' : isoDate(s.canceledAt),
      cancellation_reason: s.reason,
      churn_type: s.churnType,
    }));
    let customer: CustomerRow | null = {
      customer_id: customerId,
      company_name: name,
      employees,
      country: country.code,
      industry,
      signup_date: isoDate(signup),
    };

    if (wanted.has('odd_text')) {
      if (m.chance(0.7)) {
        const target = rows[m.int(0, rows.length - 1)] as SubscriptionRow;
        const fields = MANGLEABLE.filter((f) => target[f] !== '');
        const field = fields[m.int(0, fields.length - 1)] as (typeof MANGLEABLE)[number];
        target[field] = oddCase(m, target[field]);
      } else {
        const field = m.pick(['country', 'industry', 'company_name'] as const);
        customer[field] = oddCase(m, customer[field]);
      }
      pending.delete('odd_text');
    }
    if (wanted.has('blank_field')) {
      customer[m.chance(0.5) ? 'country' : 'industry'] = '';
      pending.delete('blank_field');
    }
    if (wanted.has('duplicate')) {
      // The exact same line exported twice.
      const at = m.int(0, rows.length - 1);
      rows.splice(at + 1, 0, { ...(rows[at] as SubscriptionRow) });
      pending.delete('duplicate');
    }
    if (wanted.has('orphan')) {
      // Deleted from the CRM, still in billing: its subscriptions reference a missing customer.
      customer = null;
      pending.delete('orphan');
    }
    yield { customer, subscriptions: rows };
  }
}

// ---------------------------------------------------------------- CSV

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** RFC 4180 quoting; leading or trailing spaces are quoted too so no reader trims them. */
export function csvField(s: string): string {
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatAmount(amount: number): string {
  return amount.toFixed(2);
}

export const CUSTOMERS_HEADER = `${CUSTOMER_COLUMNS.join(',')}\n`;
export const SUBSCRIPTIONS_HEADER = `${SUBSCRIPTION_COLUMNS.join(',')}\n`;

export function customerLine(c: CustomerRow): string {
  return `${c.customer_id},${csvField(c.company_name)},${c.employees},${csvField(c.country)},${csvField(c.industry)},${c.signup_date}\n`;
}

export function subscriptionLine(s: SubscriptionRow): string {
  return (
    `${s.subscription_id},${s.customer_id},${csvField(s.plan)},${csvField(s.billing_interval)},` +
    `${formatAmount(s.amount)},${csvField(s.currency)},${s.quantity},${s.discount_pct},` +
    `${s.start_date},${s.end_date},${csvField(s.status)},${s.canceled_at},` +
    `${csvField(s.cancellation_reason)},${csvField(s.churn_type)}\n`
  );
}

export interface CsvChunk {
  customers: string;
  subscriptions: string;
  customerRows: number;
  subscriptionRows: number;
}

/** CSV text of both files in chunks of roughly `chunkChars` characters, headers first. */
export function* generateCsv(options: SampleOptions = DEFAULT_SAMPLE_OPTIONS, chunkChars = 1 << 16): Generator<CsvChunk> {
  let chunk: CsvChunk = { customers: CUSTOMERS_HEADER, subscriptions: SUBSCRIPTIONS_HEADER, customerRows: 0, subscriptionRows: 0 };
  for (const record of generateSample(options)) {
    if (record.customer !== null) {
      chunk.customers += customerLine(record.customer);
      chunk.customerRows += 1;
    }
    for (const s of record.subscriptions) chunk.subscriptions += subscriptionLine(s);
    chunk.subscriptionRows += record.subscriptions.length;
    if (chunk.subscriptions.length >= chunkChars) {
      yield chunk;
      chunk = { customers: '', subscriptions: '', customerRows: 0, subscriptionRows: 0 };
    }
  }
  yield chunk;
}
