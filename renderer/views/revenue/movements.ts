// The five MRR movements as the revenue screen draws them: gains above zero,
// losses below (the engine gives every amount positive; only the sign of the
// drawing changes here), each with its colour, readable in light and dark.
import type { PeriodRow } from '../../../shared/analysis.js';

export type Movement = 'new' | 'reactivation' | 'expansion' | 'contraction' | 'churn';

export interface MovementSpec {
  movement: Movement;
  mrr: keyof PeriodRow;
  customers: keyof PeriodRow;
  /** +1 drawn up, −1 drawn down. */
  sign: 1 | -1;
  color: string;
}

export const MOVEMENTS: readonly MovementSpec[] = [
  { movement: 'new', mrr: 'mrr_new', customers: 'customers_new', sign: 1, color: '#2e9e6b' },
  { movement: 'reactivation', mrr: 'mrr_reactivation', customers: 'customers_reactivated', sign: 1, color: '#7cc9a4' },
  { movement: 'expansion', mrr: 'mrr_expansion', customers: 'customers_expanded', sign: 1, color: '#4f7fe0' },
  { movement: 'contraction', mrr: 'mrr_contraction', customers: 'customers_contracted', sign: -1, color: '#eda04a' },
  { movement: 'churn', mrr: 'mrr_churned', customers: 'customers_churned', sign: -1, color: '#d9534f' },
];

export const MRR_COLOR = '#8b5cf6';
export const NET_NEW_COLOR = '#b8860b';
export const TOTAL_COLOR = '#7f8aa3';

export const amount = (row: PeriodRow, field: keyof PeriodRow): number => Number(row[field] ?? 0);

export const isMovement = (value: unknown): value is Movement => MOVEMENTS.some((m) => m.movement === value);
