// `churn-workbench report [<file>...] [import options] [analysis options] --out <report.html|.pdf|.xlsx|.zip>
//   [--title ...] [--client ...] [--author ...] [--logo <image>] [--sections <list>] [--lang en|zh-CN]
//   [--note <section>=<text>]... [--date YYYY-MM-DD] [--scenario <scenario.json>]...` (docs/REPORTS.md):
// imports the files like analyze, then writes the report in the format its file name ends with.
// --scenario takes the scenario command's files (docs/SCENARIOS.md) for the scenarios section.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError, fail, ok, type Result } from '../../../shared/result.js';
import { REPORT_SECTIONS, reportOptionsSchema, type ReportFormat, type ReportOptions, type ReportSection } from '../../../shared/reports.js';
import type { Engine } from '../../engine/engine.js';
import { UsageError } from '../options.js';
import { analysisSettings, type AnalyzeFlags } from './analyze.js';
import { runImport } from './importFiles.js';
import { readScenarioFile } from './scenario.js';

export interface ReportFlags extends AnalyzeFlags {
  out?: string;
  title?: string;
  client?: string;
  author?: string;
  logo?: string;
  sections?: string;
  lang?: string;
  note?: string[];
  date?: string;
  scenario?: string[];
}

/** The parseArgs options of the report command, for main.ts. */
const EXTENSIONS: Record<string, ReportFormat> = { '.html': 'html', '.htm': 'html', '.pdf': 'pdf', '.xlsx': 'xlsx', '.zip': 'csv' };

export function reportFormat(out: string): ReportFormat {
  const format = EXTENSIONS[path.extname(out).toLowerCase()];
  if (!format) throw new UsageError(`--out names the report file, ending in .html, .pdf, .xlsx or .zip (CSV files in a zip), not "${out}".`);
  return format;
}

/** A section as named on the command line: its id, with - or _ (at-risk, data-quality). */
function section(name: string): ReportSection {
  const id = name.trim().toLowerCase().replace(/-/g, '_');
  if (!(REPORT_SECTIONS as readonly string[]).includes(id)) {
    throw new UsageError(`--sections takes a comma-separated list of ${REPORT_SECTIONS.join(', ')}; "${name.trim()}" is none of them.`);
  }
  return id as ReportSection;
}

/**
 * The report's options from the flags. Scenario files are read here: a file
 * that is missing or not a scenario throws an EngineError naming it and the
 * field at fault, as the scenario command does.
 */
export function reportOptions(flags: ReportFlags): ReportOptions {
  const notes: Partial<Record<ReportSection, string>> = {};
  for (const entry of flags.note ?? []) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--note takes <section>=<text>, e.g. summary="Reviewed with finance", not "${entry}".`);
    notes[section(entry.slice(0, at))] = entry.slice(at + 1).replace(/\\n/g, '\n');
  }
  const input = {
    ...(flags.title !== undefined ? { title: flags.title } : {}),
    ...(flags.client !== undefined ? { client: flags.client } : {}),
    ...(flags.author !== undefined ? { author: flags.author } : {}),
    ...(flags.date !== undefined ? { date: flags.date } : {}),
    ...(flags.logo !== undefined ? { logo: path.resolve(flags.logo) } : {}),
    ...(flags.sections !== undefined ? { sections: [...new Set(flags.sections.split(',').filter((s) => s.trim()).map(section))] } : {}),
    ...(Object.keys(notes).length ? { notes } : {}),
    ...(flags.lang !== undefined ? { language: flags.lang } : {}),
    ...(flags.scenario?.length ? { scenarios: flags.scenario.flatMap(readScenarioFile) } : {}),
  };
  const parsed = reportOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const flag = (key: string) => ({ language: 'lang', notes: 'note', scenarios: 'scenario' })[key] ?? key;
    throw new UsageError(parsed.error.issues.map((i) => `--${flag(String(i.path[0] ?? 'report'))}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

export async function reportCommand(engine: Engine, files: string[], flags: ReportFlags): Promise<Result<{ path: string; bytes: number }>> {
  if (!flags.out) throw new UsageError('report needs --out <report.html|report.pdf|report.xlsx|report.zip>: the file to write, its format by its ending.');
  const format = reportFormat(flags.out);
  let report: ReportOptions;
  try {
    report = reportOptions(flags);
  } catch (error) {
    if (error instanceof EngineError) return fail(error.code, error.message);
    throw error;
  }
  const settings = analysisSettings(flags);
  const folder = path.dirname(path.resolve(flags.out));
  if (!fs.existsSync(folder)) return fail('not_found', `The folder ${folder} does not exist.`);
  if (files.length) {
    const imported = await runImport(engine, files, flags);
    if (!imported.ok) return imported;
  }
  const written = await engine.invoke('report.export', { settings, report, format, path: path.resolve(flags.out) });
  if (!written.ok) return written;
  if (written.value instanceof Uint8Array) throw new Error('report.export with a path answers where it wrote');
  process.stdout.write(`Wrote ${written.value.path} (${format.toUpperCase()}, ${size(written.value.bytes)}).\n`);
  return ok(written.value);
}
