// Appendix: the definitions of every metric.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import type { SectionModel } from '../document.js';
import type { Ctx } from './context.js';

export function appendixSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { s } = ctx;
  return {
    blocks: [
      { type: 'paragraphs', items: [s.definitionsIntro] },
      { type: 'definitions', items: s.definitions.map(([term, text]) => ({ term, text })) },
    ],
    dataTables: [],
  };
}
