// The field catalog of the canonical model (docs/DATA_MODEL.md): which kinds of
// file each field belongs to, its value type, which fields each kind requires,
// and the header synonyms (English, Simplified and Traditional Chinese) that
// suggest it. Pure data and pure functions: no IO, no DuckDB.

import { KINDS, type Kind } from '../../../shared/model.js';
import {
  FIELD_DEFS,
  FIELDS,
  fieldsOfKind,
  isField,
  isKind,
  KIND_LABELS,
  REQUIRED,
  requirementText,
  VALUE_TYPES,
  type Field,
  type FieldDef,
  type Requirement,
  type ValueType,
} from '../../../shared/fields.js';

export { FIELDS, fieldsOfKind, isField, isKind, KIND_LABELS, KINDS, REQUIRED, requirementText, VALUE_TYPES };
export type { Field, Kind, Requirement, ValueType };

/** A field of the model (shared/fields.ts) with the header names that suggest it. */
export interface FieldSpec extends FieldDef {
  /** Header names that mean this field, matched after `normalizeHeader`. */
  synonyms: readonly string[];
  /**
   * Weaker clues: fragments of a header that, together with values of the
   * right type, make this field a candidate (e.g. "contract start" → start).
   */
  hints?: readonly string[];
}

const spec = (field: Field, synonyms: readonly string[], hints?: readonly string[]): FieldSpec =>
  hints ? { ...FIELD_DEFS[field], synonyms, hints } : { ...FIELD_DEFS[field], synonyms };

export const FIELD_CATALOG: Readonly<Record<Field, FieldSpec>> = {
  customer_id: spec(
    'customer_id',
    [
      'customer_id', 'customer id', 'customer', 'customer no', 'customer number', 'customer code', 'customer key',
      'cust id', 'client id', 'client', 'client number', 'account id', 'account code', 'account number',
      'user id', 'member id', 'company id', 'customers.id',
      '客户ID', '客户编号', '客户号', '客户代码', '客户编码', '客户', '顾客ID', '用户ID', '用户编号', '会员ID', '会员编号',
      '账户ID', '账号', '公司ID',
      '客戶ID', '客戶編號', '客戶代碼', '客戶編碼', '客戶', '顧客ID', '用戶ID', '用戶編號', '會員ID', '會員編號',
      '帳戶ID', '帳號', '賬號',
    ],
    ['customer', 'client', 'cust', 'account', '客户', '客戶', '用户', '用戶', '会员', '會員'],
  ),
  subscription_id: spec(
    'subscription_id',
    [
      'subscription_id', 'subscription id', 'subscription', 'sub id', 'subscription number', 'subscription uuid',
      'contract id', 'contract number', 'subscriptions.id',
      '订阅ID', '订阅编号', '订阅号', '合同编号', '合同ID', '訂閱ID', '訂閱編號', '合約編號', '合同編號',
    ],
  ),
  plan: spec(
    'plan',
    [
      'plan', 'plan name', 'plan id', 'plan code', 'product', 'product name', 'package', 'tier', 'edition',
      'price plan', 'pricing plan', 'current plan', 'subscription plan',
      '套餐', '套餐名称', '计划', '方案', '产品', '产品名称', '版本', '订阅套餐',
      '方案名稱', '產品', '產品名稱', '套餐名稱', '計劃', '訂閱方案',
    ],
  ),
  start_date: spec(
    'start_date',
    [
      'start_date', 'start date', 'start', 'started', 'started at', 'start at', 'starts at', 'subscription start',
      'subscription start date', 'activated at', 'activation date', 'begin date', 'from date', 'valid from',
      'effective date', 'contract start', 'contract start date', 'customer since', 'signup date', 'sign up date',
      'join date', 'joined', 'joined at',
      '开始日期', '开始时间', '起始日期', '生效日期', '订阅开始日期', '开通日期', '合同开始日期', '注册日期', '加入日期',
      '開始日期', '開始時間', '起始日期', '生效日期', '訂閱開始日期', '開通日期', '合約開始日期', '註冊日期',
    ],
    ['start', 'begin', 'activat', 'from', 'signup', '开始', '起始', '生效', '開始', '开通', '開通'],
  ),
  end_date: spec(
    'end_date',
    [
      'end_date', 'end date', 'end', 'ended', 'ended at', 'ends at', 'end at', 'expiry date', 'expiration date',
      'expires at', 'expire date', 'expires', 'expired at', 'valid to', 'valid until', 'to date', 'until',
      'subscription end', 'subscription end date', 'contract end', 'contract end date', 'termination date',
      '结束日期', '结束时间', '到期日期', '到期日', '截止日期', '终止日期', '失效日期', '合同结束日期', '订阅结束日期',
      '結束日期', '結束時間', '到期日期', '截止日期', '終止日期', '失效日期', '合約結束日期', '訂閱結束日期',
    ],
    ['end', 'expir', 'until', '结束', '到期', '截止', '终止', '結束', '終止'],
  ),
  amount: spec(
    'amount',
    [
      'amount', 'price', 'unit price', 'plan amount', 'plan price', 'subscription amount', 'recurring amount',
      'charge', 'charges', 'fee', 'total', 'total amount', 'net amount', 'subtotal', 'amount excl tax',
      'amount excluding tax', 'line amount', 'invoice amount', 'payment amount', 'paid amount', 'amount paid',
      'monthly amount', 'monthly price', 'value',
      '金额', '价格', '单价', '费用', '收费', '订阅金额', '应收金额', '实收金额', '付款金额', '发票金额', '总金额', '金额元',
      '金額', '價格', '單價', '費用', '收費', '訂閱金額', '應收金額', '實收金額', '付款金額', '發票金額', '總金額',
    ],
    ['amount', 'price', 'fee', 'charge', 'total', '金额', '金額', '价', '價', '费', '費'],
  ),
  billing_interval: spec(
    'billing_interval',
    [
      'billing_interval', 'billing interval', 'interval', 'billing period', 'billing cycle', 'billing frequency',
      'frequency', 'plan interval', 'interval unit', 'billing period unit', 'period unit', 'recurring interval',
      'renewal period', 'payment frequency', 'cycle', 'term',
      '计费周期', '付费周期', '付款周期', '结算周期', '订阅周期', '周期', '计费方式', '付费方式',
      '計費週期', '付費週期', '付款週期', '結算週期', '訂閱週期', '週期', '計費方式', '付費方式',
    ],
  ),
  interval_count: spec(
    'interval_count',
    [
      'interval_count', 'interval count', 'plan interval count', 'interval length', 'plan interval length',
      'billing period count', 'period count', 'billing every', 'every',
      '周期数', '间隔', '周期长度', '週期數', '間隔', '週期長度',
    ],
  ),
  quantity: spec(
    'quantity',
    [
      'quantity', 'qty', 'seats', 'seat count', 'number of seats', 'licenses', 'licences', 'units', 'users',
      'plan quantity',
      '数量', '席位', '席位数', '座席数', '用户数', '授权数', '數量', '席位數', '座席數', '用戶數', '授權數',
    ],
  ),
  discount: spec(
    'discount',
    [
      'discount', 'discount pct', 'discount percent', 'discount percentage', 'discount rate', 'percent off',
      'discount_pct',
      '折扣', '折扣率', '优惠', '折扣比例', '优惠比例', '折扣百分比', '優惠', '優惠比例', '折扣百分比',
    ],
  ),
  discount_amount: spec(
    'discount_amount',
    [
      'discount_amount', 'discount amount', 'amount off', 'discount value', 'coupon amount',
      '折扣金额', '优惠金额', '减免金额', '折扣金額', '優惠金額', '減免金額',
    ],
  ),
  tax: spec(
    'tax',
    [
      'tax', 'tax amount', 'taxes', 'vat', 'vat amount', 'gst', 'sales tax',
      '税', '税额', '税金', '增值税', '税费', '稅', '稅額', '稅金', '增值稅', '稅費',
    ],
  ),
  currency: spec(
    'currency',
    [
      'currency', 'currency code', 'curr', 'ccy', 'iso currency',
      '币种', '货币', '币别', '幣別', '幣種', '貨幣',
    ],
  ),
  status: spec(
    'status',
    [
      'status', 'state', 'subscription status', 'subscription state',
      '状态', '订阅状态', '狀態', '訂閱狀態',
    ],
  ),
  canceled_at: spec(
    'canceled_at',
    [
      'canceled_at', 'canceled at', 'cancelled at', 'cancel date', 'cancellation date', 'canceled on',
      'cancelled on', 'canceled date', 'cancelled date', 'date canceled', 'date cancelled', 'churn date',
      'churned at', 'churned on',
      '取消日期', '取消时间', '退订日期', '退订时间', '解约日期', '流失日期',
      '取消時間', '退訂日期', '退訂時間', '解約日期',
    ],
    ['cancel', '取消', '退订', '退訂', '解约', '解約'],
  ),
  trial_end: spec(
    'trial_end',
    [
      'trial_end', 'trial end', 'trial ends at', 'trial ended at', 'trial end date', 'trial ends', 'trial expires at',
      '试用结束日期', '试用结束时间', '试用到期日', '試用結束日期', '試用結束時間', '試用到期日',
    ],
  ),
  pause_date: spec(
    'pause_date',
    ['pause_date', 'pause date', 'paused at', 'paused on', 'paused_at', 'pause start', 'pause start date', '暂停日期', '暂停时间', '暫停日期', '暫停時間'],
  ),
  resume_date: spec(
    'resume_date',
    ['resume_date', 'resume date', 'resumes at', 'resumed at', 'resumes on', 'resume at', 'pause end', 'pause end date', '恢复日期', '恢复时间', '恢復日期', '恢復時間'],
  ),
  cancellation_reason: spec(
    'cancellation_reason',
    [
      'cancellation_reason', 'cancellation reason', 'cancel reason', 'reason', 'churn reason',
      'cancellation reason code', 'cancel reason code', 'reason code', 'churn reason code', 'cancellation feedback',
      'cancellation comment', 'churn category', 'churn reason category',
      '取消原因', '流失原因', '退订原因', '原因', '解约原因', '退訂原因', '解約原因',
    ],
    ['reason', '原因'],
  ),
  churn_type: spec(
    'churn_type',
    [
      'churn_type', 'churn type', 'cancellation type', 'churn kind', 'voluntary',
      '流失类型', '取消类型', '流失類型', '取消類型',
    ],
  ),
  date: spec(
    'date',
    [
      'date', 'invoice date', 'payment date', 'transaction date', 'charge date', 'billing date', 'posting date',
      'paid at', 'paid date', 'paid on', 'created', 'created at', 'created date', 'event date', 'churn date',
      'churned at', 'churned on', 'cancel date', 'cancellation date',
      '日期', '发票日期', '付款日期', '交易日期', '开票日期', '收款日期', '支付日期', '流失日期', '创建日期',
      '發票日期', '開票日期', '建立日期', '創建日期',
    ],
    ['date', 'time', '日期', '时间', '時間'],
  ),
  period_start: spec(
    'period_start',
    [
      'period_start', 'period start', 'service period start', 'service start', 'period from',
      'billing period start', 'line period start', 'current period start', 'current period started at',
      'current period start date', 'current term start', 'current billing period start', 'current billing term start date',
      '本期开始日期', '当前周期开始', '本期開始日期', '當前週期開始',
      '服务开始日期', '账期开始', '账单周期开始', '服務開始日期', '帳期開始', '賬期開始',
    ],
  ),
  period_end: spec(
    'period_end',
    [
      'period_end', 'period end', 'service period end', 'service end', 'period to', 'billing period end',
      'line period end', 'current period end', 'current period ends at', 'current period end date', 'current term end',
      'current billing period end', 'current billing term end date', 'next billing date', 'next renewal date', 'renews at',
      '本期结束日期', '当前周期结束', '本期結束日期', '當前週期結束',
      '服务结束日期', '账期结束', '账单周期结束', '服務結束日期', '帳期結束', '賬期結束',
    ],
  ),
  is_refund: spec(
    'is_refund',
    [
      'is_refund', 'is refund', 'refund', 'refunded', 'is refunded', 'refund flag', 'credit note',
      '退款', '是否退款', '退款标记', '退款標記',
    ],
  ),
  recurring: spec(
    'recurring',
    ['recurring', 'is recurring', 'recurring charge', 'recurring revenue', '是否周期性', '周期性收费', '是否續訂', '週期性收費'],
  ),
  month: spec(
    'month',
    [
      'month', 'snapshot month', 'reporting month', 'month start', 'mrr month', 'year month', 'period', 'month date',
      '月份', '月', '年月', '统计月份', '账期', '期间', '月份日期', '統計月份', '期間', '帳期', '賬期',
    ],
    ['month', '月'],
  ),
  mrr: spec(
    'mrr',
    [
      'mrr', 'monthly recurring revenue', 'monthly revenue', 'monthly charges', 'monthly charge', 'monthly fee',
      'monthly amount', 'monthly value', 'current mrr', 'recurring revenue', 'mrr amount', 'subscriptions.mrr',
      '月度经常性收入', '月经常性收入', '经常性收入', '月收入', '月费', '月度收入', '每月收入', '月租', '月租费',
      '月度經常性收入', '月經常性收入', '經常性收入', '月費', '每月收入', '月租費',
    ],
    ['mrr', 'monthly', '月收入', '月费', '月費'],
  ),
  tenure_months: spec(
    'tenure_months',
    [
      'tenure_months', 'tenure', 'tenure months', 'tenure in months', 'months as customer', 'months active',
      'customer months', 'lifetime months', 'age months', 'customer age',
      '在网时长', '在网月数', '使用月数', '客户月数', '合作月数', '使用时长', '月数', '客户时长',
      '在網時長', '在網月數', '使用月數', '客戶月數', '合作月數', '使用時長', '月數',
    ],
    ['tenure', '时长', '時長', '月数', '月數'],
  ),
  churned: spec(
    'churned',
    [
      'churned', 'churn', 'is churned', 'has churned', 'churn flag', 'churn status', 'lost', 'exited', 'attrition',
      'attrited', 'left',
      '是否流失', '流失', '已流失', '流失标记', '流失状态', '是否已流失',
      '流失標記', '流失狀態',
    ],
    ['churn', '流失'],
  ),
  name: spec(
    'name',
    [
      'name', 'company', 'company name', 'customer name', 'account name', 'organization', 'organisation',
      'organization name', 'org name', 'business name', 'client name', 'legal name',
      '客户名称', '公司名称', '公司', '企业名称', '客户名', '名称', '单位名称',
      '客戶名稱', '公司名稱', '企業名稱', '客戶名', '名稱', '單位名稱',
    ],
  ),
  first_seen: spec(
    'first_seen',
    [
      'first_seen', 'first seen', 'first seen at', 'signup date', 'sign up date', 'signed up', 'signed up at',
      'created', 'created at', 'created date', 'customer since', 'join date', 'joined', 'joined at',
      'registration date', 'registered at', 'first purchase date', 'acquisition date',
      '注册日期', '注册时间', '首次购买日期', '加入日期', '创建日期', '开户日期',
      '註冊日期', '註冊時間', '首次購買日期', '建立日期', '創建日期', '開戶日期',
    ],
    ['signup', 'created', 'since', 'first', '注册', '註冊', '创建', '創建'],
  ),
  employees: spec(
    'employees',
    [
      'employees', 'employee count', 'number of employees', 'num employees', 'no of employees', 'headcount',
      'staff', 'staff count', 'company size', 'fte', 'employees count',
      '员工人数', '员工数', '员工数量', '人数', '公司规模', '职工人数',
      '員工人數', '員工數', '員工數量', '人數', '公司規模', '職工人數',
    ],
    ['employee', 'headcount', '员工', '員工'],
  ),
  annual_revenue: spec(
    'annual_revenue',
    [
      'annual_revenue', 'annual revenue', 'yearly revenue', 'company revenue', 'turnover', 'annual turnover',
      '年收入', '年营收', '营业收入', '年营业额', '营业额', '年營收', '營業收入', '年營業額', '營業額',
    ],
  ),
  contract_value: spec(
    'contract_value',
    [
      'contract_value', 'contract value', 'acv', 'annual contract value', 'arr', 'contract amount', 'deal value',
      'deal size',
      '合同金额', '合同价值', '年度合同价值', '合約金額', '合約價值', '年度合約價值', '合同金額',
    ],
  ),
  segment: spec(
    'segment',
    [
      'segment', 'customer segment', 'market segment', 'size segment', 'customer tier',
      '客户分层', '细分', '客户类型', '分层', '客户分群', '分群', '客户群',
      '客戶分層', '細分', '客戶類型', '分層', '客戶分群', '客戶群',
    ],
  ),
  country: spec(
    'country',
    [
      'country', 'country code', 'nation', 'billing country', 'country name',
      '国家', '国家地区', '国别', '國家', '國別', '國家地區',
    ],
  ),
  industry: spec(
    'industry',
    [
      'industry', 'sector', 'vertical', 'business type', 'industry name',
      '行业', '所属行业', '产业', '行業', '所屬行業', '產業',
    ],
  ),
};

export const fieldType = (field: Field): ValueType => FIELD_CATALOG[field].type;

/**
 * The required fields a mapping lacks. A choice that is not met contributes
 * all its alternatives (customer_list without start_date and tenure_months
 * lacks both; either one would do).
 */
export function missingRequired(kind: Kind, mapped: Iterable<Field>): Field[] {
  const have = new Set(mapped);
  const missing: Field[] = [];
  for (const requirement of REQUIRED[kind]) {
    if (typeof requirement === 'string') {
      if (!have.has(requirement)) missing.push(requirement);
    } else if (!requirement.some((field) => have.has(field))) {
      missing.push(...requirement);
    }
  }
  return missing;
}

/** The requirements of a kind that a mapping does not meet. */
export function unmetRequirements(kind: Kind, mapped: Iterable<Field>): Requirement[] {
  const have = new Set(mapped);
  return REQUIRED[kind].filter((requirement) =>
    typeof requirement === 'string' ? !have.has(requirement) : !requirement.some((field) => have.has(field)),
  );
}

/**
 * A header reduced to what matters for matching: Unicode NFKC (full-width
 * letters, digits and brackets become ASCII), lower case, and every character
 * that is not a letter or a digit removed (spaces, underscores, dots, dashes,
 * brackets, CJK punctuation). "Customer ID", "customer_id", "CUSTOMER-ID" and
 * "ＣｕｓｔｏｍｅｒＩＤ" all become "customerid"; "客户 ID" becomes "客户id".
 */
export function normalizeHeader(header: string): string {
  return header.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The header with bracketed parts removed before normalizing: "Created (UTC)",
 * "金额（元）" and "Amount [USD]" become "created", "金额" and "amount".
 */
export function normalizeHeaderLoose(header: string): string {
  const nfkc = header.normalize('NFKC');
  const stripped = nfkc.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, ' ');
  const loose = normalizeHeader(stripped);
  return loose === '' ? normalizeHeader(nfkc) : loose;
}

/** normalized synonym → fields it names (one header may name several fields of different kinds). */
const SYNONYM_INDEX: ReadonlyMap<string, readonly Field[]> = (() => {
  const index = new Map<string, Field[]>();
  for (const field of FIELDS) {
    for (const synonym of FIELD_CATALOG[field].synonyms) {
      const key = normalizeHeader(synonym);
      const list = index.get(key) ?? [];
      if (!list.includes(field)) list.push(field);
      index.set(key, list);
    }
  }
  return index;
})();

export interface HeaderMatch {
  field: Field;
  /** 'exact': the whole header is a synonym; 'loose': after removing bracketed parts; 'hint': a fragment. */
  strength: 'exact' | 'loose' | 'hint';
}

/** Fields whose synonyms (or, failing those, hints) match this header. */
export function matchHeader(header: string): HeaderMatch[] {
  const exact = normalizeHeader(header);
  const matches: HeaderMatch[] = [];
  const seen = new Set<Field>();
  const add = (field: Field, strength: HeaderMatch['strength']) => {
    if (seen.has(field)) return;
    seen.add(field);
    matches.push({ field, strength });
  };
  for (const field of SYNONYM_INDEX.get(exact) ?? []) add(field, 'exact');
  const loose = normalizeHeaderLoose(header);
  if (loose !== exact) for (const field of SYNONYM_INDEX.get(loose) ?? []) add(field, 'loose');
  for (const field of FIELDS) {
    const hints = FIELD_CATALOG[field].hints;
    if (!hints || seen.has(field)) continue;
    if (hints.some((hint) => exact.includes(normalizeHeader(hint)))) add(field, 'hint');
  }
  return matches;
}
