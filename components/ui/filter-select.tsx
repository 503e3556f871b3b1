import { SelectInput } from "./field";

type Option = string | { value: string; label: string };

type Props = {
  /** The accessible name (filters sit in a row without visible labels). */
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Plain strings are their own label. */
  options: readonly Option[];
  /** A first choice with the value "", e.g. "All policies". */
  allLabel?: string;
  /** Width class of the select, e.g. "w-40". */
  width: string;
};

/** One select of a filter row. */
export function FilterSelect({ label, value, onChange, options, allLabel, width }: Props) {
  return (
    <div className={width}>
      <SelectInput aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((o) => {
          const { value: v, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={v} value={v}>
              {text}
            </option>
          );
        })}
      </SelectInput>
    </div>
  );
}
