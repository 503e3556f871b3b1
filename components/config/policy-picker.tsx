"use client";

import { useId } from "react";
import { SelectInput } from "@/components/ui/field";

/** The "which policy am I editing" select shared by the rules and policies pages. */
export function PolicyPicker({ policies, value, onChange }: { policies: string[]; value: string; onChange: (policy: string) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-3">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        Policy
      </label>
      <div className="w-64">
        <SelectInput id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {policies.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </SelectInput>
      </div>
    </div>
  );
}
