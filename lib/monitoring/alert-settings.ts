/**
 * Drift alert thresholds (Setting "alerts.thresholds"): the same zod schema for the drift page's
 * form and PUT /api/admin/alerts. A rule fires when its metric, measured over the last
 * `windowHours` (PSI against the `baselineDays` before that; misroute rates from random-sample
 * labels of the last `baselineDays`), is above its threshold with enough data behind it.
 */
import { z } from "zod";

const rule = (max: number, above: number, enabled: boolean) =>
  z.strictObject({ enabled: z.boolean(), above: z.number({ error: "enter a number" }).min(0, "must be ≥ 0").max(max, `must be ≤ ${max}`) }).default({ enabled, above });

export const ALERT_METRICS = ["lastStageShare", "tierPsi", "scorePsi", "misrouteQuality", "misrouteCost", "errorRate"] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const ALERT_LABELS: Record<AlertMetric, { label: string; unit: "share" | "psi" }> = {
  lastStageShare: { label: "Share reaching the last stage", unit: "share" },
  tierPsi: { label: "Tier mix PSI", unit: "psi" },
  scorePsi: { label: "Classifier score PSI", unit: "psi" },
  misrouteQuality: { label: "Quality misroute rate (random labels)", unit: "share" },
  misrouteCost: { label: "Cost misroute rate (random labels)", unit: "share" },
  errorRate: { label: "Error rate", unit: "share" },
};

export const alertSettingsSchema = z.strictObject({
  lastStageShare: rule(1, 0.9, true),
  tierPsi: rule(10, 0.25, true),
  scorePsi: rule(10, 0.25, true),
  misrouteQuality: rule(1, 0.2, true),
  misrouteCost: rule(1, 0.3, false),
  errorRate: rule(1, 0.05, true),
  windowHours: z.int().min(1).max(168).default(24),
  baselineDays: z.int().min(1).max(90).default(7),
  minRequests: z.int().min(1).max(1_000_000).default(50),
  minLabels: z.int().min(1).max(100_000).default(20),
});

export type AlertSettings = z.infer<typeof alertSettingsSchema>;
export const DEFAULT_ALERT_SETTINGS: AlertSettings = alertSettingsSchema.parse({});

export type AlertMeasurements = {
  requests: number;
  randomLabels: number;
  values: Partial<Record<AlertMetric, number | null>>;
};

export type FiringAlert = { metric: AlertMetric; label: string; value: number; above: number; message: string };

function format(metric: AlertMetric, v: number) {
  return ALERT_LABELS[metric].unit === "share" ? `${(v * 100).toFixed(1)}%` : v.toFixed(3);
}

/** Which enabled rules are above their threshold, given enough requests (or labels). */
export function evaluateAlerts(settings: AlertSettings, m: AlertMeasurements): FiringAlert[] {
  const out: FiringAlert[] = [];
  for (const metric of ALERT_METRICS) {
    const rule = settings[metric];
    const value = m.values[metric];
    if (!rule.enabled || value === null || value === undefined) continue;
    const isLabelMetric = metric === "misrouteQuality" || metric === "misrouteCost";
    if (isLabelMetric ? m.randomLabels < settings.minLabels : m.requests < settings.minRequests) continue;
    if (value > rule.above) {
      const { label } = ALERT_LABELS[metric];
      out.push({ metric, label, value, above: rule.above, message: `${label} is ${format(metric, value)} (threshold ${format(metric, rule.above)}).` });
    }
  }
  return out;
}
