// The mapping dialog's preview staged exactly as the import stages it: the
// first rows go through the same SQL, so the parsed date beside each raw
// value and each plan's billing interval are what the import will read.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlanTerm } from '../../shared/model.js';
import { fieldType, presetById, presetFallbacks, type Field, type MappingSuggestion } from './mapping/index.js';
import { planTerms } from './billingTerms.js';
import type { IntervalAnswers } from './mapping/intervals.js';
import { dropStageSql, stageSql, type FileMapping, type ValueBounds } from './stage.js';
import { ident } from '../runtime/sql.js';

export interface StagedPreview {
  parsedDates: Record<string, (string | null)[]>;
  billingTerms: PlanTerm[];
}

let previewSeq = 0;

/**
 * Stages the first `sampleRows` rows of `relation` with the suggestion and
 * reads back the dates of the first `previewRows` and the plans' terms.
 * Columns whose day/month order must still be asked are left out; a
 * suggestion the stage cannot use yet (a column missing) gives an empty preview.
 */
export async function stagePreview(
  conn: DuckDBConnection,
  relation: string,
  columns: { name: string; type: string }[],
  suggestion: MappingSuggestion,
  options: { timeZone: string; previewRows: number; sampleRows: number; bounds: ValueBounds; intervals?: IntervalAnswers },
): Promise<StagedPreview> {
  const fields = Object.fromEntries(
    (Object.entries(suggestion.fields) as [Field, string][]).filter(([field, column]) => fieldType(field) !== 'date' || !suggestion.dateFormats[column]?.ambiguous),
  ) as Partial<Record<Field, string>>;
  const mapping: FileMapping = {
    kind: suggestion.kind,
    fields,
    dateFormats: suggestion.dateFormats,
    numberStyles: suggestion.numberStyles,
    percentScales: suggestion.percentScales,
    minorUnitDigits: suggestion.minorUnitDigits,
    timeZone: options.timeZone,
    fallbacks: presetFallbacks(presetById(suggestion.preset ?? ''), columns.map((c) => c.name), fields),
    ...(options.intervals ? { intervals: options.intervals } : {}),
  };
  const stage = `cw_preview_${process.pid}_${(previewSeq += 1)}`;
  try {
    try {
      await conn.run(stageSql(stage, { relation: `(SELECT * FROM ${relation} LIMIT ${options.sampleRows})`, columns, headerLines: 1 }, mapping, options.bounds));
    } catch {
      return { parsedDates: {}, billingTerms: [] };
    }
    const dates = (Object.entries(fields) as [Field, string][]).filter(([field]) => fieldType(field) === 'date');
    const parsedDates: Record<string, (string | null)[]> = {};
    if (dates.length) {
      const reader = await conn.runAndReadAll(
        `SELECT ${dates.map(([field], i) => `CAST(${ident(field)} AS VARCHAR) AS d${i}`).join(', ')} FROM ${stage} ORDER BY _line LIMIT ${options.previewRows}`,
      );
      const values = reader.getColumnsJS();
      dates.forEach(([, column], i) => {
        parsedDates[column] = (values[i] ?? []).map((v) => (v === null || v === undefined ? null : String(v)));
      });
    }
    // A required date left out for its day order rejects every row here; the import will have it.
    const left = (Object.keys(suggestion.fields) as Field[]).filter((field) => !(field in fields)).map((field) => `missing_${field}`);
    return { parsedDates, billingTerms: suggestion.kind === 'subscriptions' ? await planTerms(conn, stage, { ignore: left }) : [] };
  } finally {
    await conn.run(dropStageSql(stage));
  }
}
