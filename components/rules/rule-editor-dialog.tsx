"use client";

import { useState, type FormEvent } from "react";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import type { RuleConfig } from "@/lib/routing/config-schema";
import { emptyRuleForm, formFromRule, parseRuleForm, type RuleFormErrors, type RuleFormValues } from "./rule-form";

type Props = {
  /** The rule being edited, or null for a new one. */
  rule: RuleConfig | null;
  policyTiers: string[];
  otherNames: string[];
  /** Puts the rule into the draft (nothing goes live before the draft is reviewed and published). */
  onSave: (rule: RuleConfig) => void;
  onClose: () => void;
};

const AREA = "block w-full rounded-md bg-white px-3 py-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

/** Add or edit a rule in the draft; invalid input (e.g. a catastrophic regex) shows next to its field and nothing changes. */
export function RuleEditorDialog({ rule, policyTiers, otherNames, onSave, onClose }: Props) {
  const [values, setValues] = useState<RuleFormValues>(rule ? formFromRule(rule) : emptyRuleForm(policyTiers[policyTiers.length - 1] ?? ""));
  const [errors, setErrors] = useState<RuleFormErrors>({});
  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseRuleForm(values, { policyTiers, otherNames });
    if (!parsed.ok) return setErrors(parsed.errors);
    onSave(parsed.rule);
    onClose();
  }

  const area = (key: "keywords" | "faq", label: string, hint: string, error?: string) => (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy }) => (
        <textarea id={id} rows={3} value={values[key]} aria-describedby={describedBy} aria-invalid={!!error || undefined} onChange={(e) => set(key, e.target.value)} className={AREA} />
      )}
    </Field>
  );

  return (
    <Dialog open onClose={onClose} title={rule ? `Edit rule ${rule.name}` : "Add a rule"} description="The change goes into a draft; review and publish it to make it live.">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <Field label="Rule name" error={errors.name}>
          {({ id, describedBy }) => <TextInput id={id} value={values.name} autoFocus aria-describedby={describedBy} invalid={!!errors.name} onChange={(e) => set("name", e.target.value)} />}
        </Field>
        <Field label="Send to tier" error={errors.tier}>
          {({ id, describedBy }) => (
            <SelectInput id={id} value={values.tier} aria-describedby={describedBy} invalid={!!errors.tier} onChange={(e) => set("tier", e.target.value)}>
              {policyTiers.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </SelectInput>
          )}
        </Field>
        <p className="text-xs text-slate-500">Matches when every condition you fill in holds (any keyword or phrasing suffices). {errors.match && <span className="text-red-600">{errors.match}</span>}</p>
        <Field label="Category" error={errors["match.category"]} hint="Equals metadata.category or the x-frontdesk-category header (case-insensitive).">
          {({ id, describedBy }) => <TextInput id={id} value={values.category} aria-describedby={describedBy} invalid={!!errors["match.category"]} onChange={(e) => set("category", e.target.value)} />}
        </Field>
        {area("keywords", "Keywords", "One word or phrase per line; whole words, case-insensitive.", errors["match.keywords"] ?? errors["match.keywords.0"])}
        <Field label="Regex" error={errors["match.regex"]} hint="RE2 syntax, searched in the latest user message. No lookaround or backreferences.">
          {({ id, describedBy }) => (
            <TextInput id={id} value={values.regex} className="font-mono" aria-describedby={describedBy} invalid={!!errors["match.regex"]} onChange={(e) => set("regex", e.target.value)} />
          )}
        </Field>
        {values.regex && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={values.caseSensitive} onChange={(e) => set("caseSensitive", e.target.checked)} />
            Case-sensitive regex
          </label>
        )}
        {area("faq", "FAQ phrasings", "One known question per line; matches similar wording.", errors["match.faq"] ?? errors["match.faq.0"])}
        {values.faq.trim() && (
          <Field label="FAQ minimum similarity" error={errors["match.faqMinSimilarity"]} hint="0.1 – 1; 0.7 by default.">
            {({ id, describedBy }) => (
              <TextInput id={id} inputMode="decimal" value={values.faqMinSimilarity} aria-describedby={describedBy} invalid={!!errors["match.faqMinSimilarity"]} onChange={(e) => set("faqMinSimilarity", e.target.value)} />
            )}
          </Field>
        )}
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={values.enabled} onChange={(e) => set("enabled", e.target.checked)} />
          Enabled
        </label>
        <DialogActions label="Save to draft" onCancel={onClose} />
      </form>
    </Dialog>
  );
}
