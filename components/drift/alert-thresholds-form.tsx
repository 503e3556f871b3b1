"use client";

import { useState, type FormEvent } from "react";
import { formatPercent, formatPsi, formatRateBasis } from "@/components/charts/format";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { ApiError } from "@/lib/http/client-fetch";
import { ALERT_LABELS, ALERT_METRICS, alertSettingsSchema, type AlertMetric, type AlertSettings } from "@/lib/monitoring/alert-settings";
import { useAlertSettings, useSaveAlertSettings } from "./use-drift";

const show = (metric: AlertMetric, v: number | null | undefined) => (ALERT_LABELS[metric].unit === "share" ? formatPercent(v) : formatPsi(v));

/** Alert thresholds with what each metric measures now; editable by ops and admins. Shares are entered in %. */
export function AlertThresholdsForm({ canEdit }: { canEdit: boolean }) {
  const alerts = useAlertSettings();
  const save = useSaveAlertSettings();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  if (alerts.isPending) return <LoadingRows rows={3} label="Loading alert thresholds" />;
  if (alerts.isError) return <ErrorState message={alerts.error.message} onRetry={() => alerts.refetch()} />;
  const { settings, status } = alerts.data;
  const firing = new Set(status.firing.map((f) => f.metric));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const input: Record<string, unknown> = { ...settings };
    for (const m of ALERT_METRICS) {
      const raw = Number(form.get(`${m}.above`));
      input[m] = { enabled: form.get(`${m}.enabled`) === "on", above: ALERT_LABELS[m].unit === "share" ? raw / 100 : raw };
    }
    input.windowHours = Number(form.get("windowHours"));
    const parsed = alertSettingsSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message])));
      return;
    }
    setErrors({});
    try {
      await save.mutateAsync(parsed.data as AlertSettings);
      setSaved(true);
    } catch (e) {
      setErrors(e instanceof ApiError && e.issues.length ? Object.fromEntries(e.issues.map((i) => [i.path, i.message])) : { form: e instanceof Error ? e.message : "Could not save." });
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" key={JSON.stringify(settings)}>
      {errors.form && <Alert variant="error">{errors.form}</Alert>}
      <DataTable variant="plain" cellPadding="py-2 pr-3 last:pr-0" columns={["Alert", "On", "Fires above", "Now"]}>
        {ALERT_METRICS.map((m) => {
          const isShare = ALERT_LABELS[m].unit === "share";
          const error = errors[`${m}.above`];
          return (
            <tr key={m}>
              <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-700">{ALERT_LABELS[m].label}</th>
              <td className="py-2 pr-3">
                <input type="checkbox" name={`${m}.enabled`} defaultChecked={settings[m].enabled} disabled={!canEdit} aria-label={`Enable alert: ${ALERT_LABELS[m].label}`} className="size-4 accent-brand-600" />
              </td>
              <td className="py-2 pr-3">
                <span className="inline-flex items-center gap-1">
                  <input
                    type="number"
                    name={`${m}.above`}
                    step="any"
                    min={0}
                    defaultValue={isShare ? +(settings[m].above * 100).toFixed(4) : settings[m].above}
                    disabled={!canEdit}
                    aria-label={`Threshold: ${ALERT_LABELS[m].label}${isShare ? " (%)" : ""}`}
                    aria-invalid={!!error || undefined}
                    className="w-24 rounded-md border-0 px-2 py-1 text-sm ring-1 ring-inset ring-slate-300 aria-[invalid=true]:ring-red-500 disabled:bg-slate-50"
                  />
                  <span className="text-slate-500">{isShare ? "%" : ""}</span>
                </span>
                {error && <span className="block text-xs text-red-600">{error}</span>}
              </td>
              <td className="py-2">
                <span className="tabular-nums">{show(m, status.values[m])}</span> {firing.has(m) && <Badge tone="red">Firing</Badge>}
                {status.rates?.[m] && <span className="block text-xs text-slate-500">{`${m === "misrouteQuality" || m === "misrouteCost" ? "random labels · " : ""}${formatRateBasis(status.rates[m])}`}</span>}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <div className="flex flex-wrap items-center gap-3 pt-1 text-sm text-slate-600">
        <label className="inline-flex items-center gap-2">
          Measure over the last
          <input type="number" name="windowHours" min={1} max={168} defaultValue={settings.windowHours} disabled={!canEdit} aria-label="Alert window (hours)" className="w-16 rounded-md border-0 px-2 py-1 ring-1 ring-inset ring-slate-300 disabled:bg-slate-50" />
          hours, against the {settings.baselineDays} days before (label rates: over the last {settings.baselineDays} days).
        </label>
        {errors.windowHours && <span className="text-xs text-red-600">{errors.windowHours}</span>}
        {canEdit && (
          <Button type="submit" size="sm" isLoading={save.isPending} className="ml-auto">
            Save thresholds
          </Button>
        )}
        {saved && <span role="status" className="text-emerald-700">Saved.</span>}
      </div>
    </form>
  );
}
