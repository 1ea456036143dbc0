// A console chart's first picks, from the result's column types: the user
// changes them with the pickers.
import type { ChartKind, ChartRequest } from '../../../shared/console.js';
import type { ColumnInfo } from '../../../shared/contract.js';
import { isNumericType } from '../../components/grid/format.js';

const isTemporal = (type: string) => /DATE|TIME/.test(type);

/** Sensible first picks: x the first date or text column, y the first number that is not x, no series. */
export function defaultChart(columns: readonly ColumnInfo[]): ChartRequest | null {
  if (columns.length === 0) return null;
  const numeric = columns.filter((c) => isNumericType(c.type));
  const x = columns.find((c) => isTemporal(c.type)) ?? columns.find((c) => !isNumericType(c.type)) ?? columns[0]!;
  const y = numeric.find((c) => c.name !== x.name) ?? numeric[0] ?? columns[0]!;
  const kind: ChartKind = isTemporal(x.type) ? 'line' : isNumericType(x.type) ? 'scatter' : 'bar';
  return { kind, x: x.name, y: y.name, series: null };
}

