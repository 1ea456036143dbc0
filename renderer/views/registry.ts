// The analysis screens, in the order of the navigation. Each reads the shared
// analysis (renderer/state/analysis.tsx) and never computes a metric itself.
import type { ComponentType } from 'react';
import type { AnalysisFamily } from '../../shared/metrics.js';
import { CohortsView } from './cohorts/CohortsView.js';
import { CustomerDetailView } from './customer/CustomerDetailView.js';
import { CustomersView } from './customers/CustomersView.js';
import { MethodologyView } from './methodology/MethodologyView.js';
import { OverviewView } from './overview/OverviewView.js';
import { RevenueView } from './revenue/RevenueView.js';
import { SegmentsView } from './segments/SegmentsView.js';
import { ReconcileView } from './reconcile/ReconcileView.js';
import { ReportView } from './report/ReportView.js';
import { ScenariosView } from './scenarios/ScenariosView.js';
import { SurvivalView } from './survival/SurvivalView.js';

export const ANALYSIS_VIEWS = ['overview', 'revenue', 'customers', 'cohorts', 'survival', 'segments', 'methodology', 'customer', 'scenarios', 'reconcile', 'report'] as const;
export type AnalysisView = (typeof ANALYSIS_VIEWS)[number];

export const VIEW_COMPONENTS: Record<AnalysisView, ComponentType> = {
  overview: OverviewView,
  revenue: RevenueView,
  customers: CustomersView,
  cohorts: CohortsView,
  survival: SurvivalView,
  segments: SegmentsView,
  methodology: MethodologyView,
  customer: CustomerDetailView,
  scenarios: ScenariosView,
  reconcile: ReconcileView,
  report: ReportView,
};

/**
 * Screens shown in place of "no revenue data yet": the Reconciliation keeps a
 * reference without the model's data, shows it, and says to import the
 * billing data first.
 */
export const WITHOUT_MODEL: ReadonlySet<AnalysisView> = new Set<AnalysisView>(['reconcile']);

/**
 * The metric families each screen draws: all the engine computes for it. The
 * methodology comparison (every preset) only for the Methodology screen.
 */
export const VIEW_FAMILIES: Record<AnalysisView, readonly AnalysisFamily[]> = {
  overview: ['periods'],
  revenue: ['periods'],
  customers: ['periods', 'customers'],
  cohorts: ['cohorts'],
  // Survival asks the engine itself (survival.run); the periods only gate the screen on a churn model being there.
  survival: ['periods'],
  segments: ['segments'],
  methodology: ['periods', 'comparison'],
  customer: ['periods'],
  scenarios: ['segments'],
  // Reconciliation asks the engine itself (reconcile.run); the periods gate the screen on a churn model being there.
  reconcile: ['periods'],
  report: ['periods'],
};
