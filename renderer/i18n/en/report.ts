// Strings of the report builder (en). The report's own words are the engine's (main/reports/strings.ts).
import { REPORT_SECTION_TITLES } from '../../../shared/reports.js';

export default {
  title: 'Report',
  intro: 'A client-ready report of the analysis above, with the same settings: choose what goes in, preview it, and download it as HTML, PDF, XLSX or CSV.',
  fields: {
    title: 'Title',
    titlePlaceholder: 'Churn analysis',
    client: 'Client',
    author: 'Author',
    language: 'Report language',
    currency: 'Reporting currency',
    currencyNone: 'not named in the data',
    currencyHint: 'Set when importing (--currency and --rate); amounts are never converted here.',
    logo: 'Logo',
    logoChoose: 'Choose image…',
    logoRemove: 'Remove',
    logoTooLarge: 'The logo may be at most about 500 kB.',
    logoUnreadable: 'The logo could not be read.',
  },
  sectionsTitle: 'Sections',
  addNote: '+ Note',
  notePlaceholder: 'Your note for this section (optional)',
  sections: REPORT_SECTION_TITLES['en'],
  noReference: 'No reference imported: import the billing system’s MRR in the Reconciliation screen to add this section.',
  scenarioList: {
    label: 'Scenarios to show',
    noneSaved: 'No scenario is saved in this workspace: save one on the Scenarios screen to add this section.',
    noneChosen: 'Choose at least one scenario, or the section is left out.',
  },
  languages: {
    en: 'English',
    'zh-CN': 'Simplified Chinese',
  },
  preview: {
    title: 'Preview',
    updating: 'Updating the preview…',
    frame: 'Report preview',
    noSections: 'Choose at least one section.',
  },
  download: {
    title: 'Download',
    html: 'HTML',
    pdf: 'PDF',
    xlsx: 'XLSX',
    csv: 'CSV (zip)',
    working: 'Writing the {{format}} report…',
    htmlHint: 'One file, opens offline, interactive charts',
    pdfHint: 'Paginated, with cover and contents',
    xlsxHint: 'A sheet per table, numbers as numbers',
    csvHint: 'Every table as a CSV file',
  },
} as const;
