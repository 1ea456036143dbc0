// Strings of the report builder (zh-CN).
import { REPORT_SECTION_TITLES } from '../../../shared/reports.js';

export default {
  title: '报告',
  intro: '基于上方分析（相同设置）生成可交付客户的报告：选择内容、预览，并下载为 HTML、PDF、XLSX 或 CSV。',
  fields: {
    title: '标题',
    titlePlaceholder: '客户流失分析',
    client: '客户',
    author: '编制人',
    language: '报告语言',
    currency: '报告货币',
    currencyNone: '数据中未指明',
    currencyHint: '在导入时设置（--currency 与 --rate）；此处不会换算金额。',
    logo: '标志',
    logoChoose: '选择图片…',
    logoRemove: '移除',
    logoTooLarge: '标志图片最大约 500 kB。',
    logoUnreadable: '无法读取该标志图片。',
  },
  sectionsTitle: '章节',
  addNote: '+ 备注',
  notePlaceholder: '本章节的备注（可选）',
  sections: REPORT_SECTION_TITLES['zh-CN'],
  noReference: '尚未导入参照数据：在“对账”界面导入计费系统的 MRR 后即可加入本章节。',
  scenarioList: {
    label: '要展示的情景',
    noneSaved: '此工作区尚未保存情景：请先在“情景分析”页面保存一个情景，再加入本章节。',
    noneChosen: '请至少选择一个情景，否则不包含本章节。',
  },
  languages: {
    en: '英文',
    'zh-CN': '简体中文',
  },
  preview: {
    title: '预览',
    updating: '正在更新预览…',
    frame: '报告预览',
    noSections: '请至少选择一个章节。',
  },
  download: {
    title: '下载',
    html: 'HTML',
    pdf: 'PDF',
    xlsx: 'XLSX',
    csv: 'CSV（zip）',
    working: '正在生成 {{format}} 报告…',
    htmlHint: '单个文件，可离线打开，图表可交互',
    pdfHint: '分页，含封面与目录',
    xlsxHint: '每个表格一个工作表，数字保持为数字',
    csvHint: '每个表格一个 CSV 文件',
  },
} as const;
