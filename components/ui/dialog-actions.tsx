import { Button } from "./button";

type Props = {
  /** The action's label, e.g. "Save rule". */
  label: string;
  onCancel: () => void;
  isPending?: boolean;
  tone?: "primary" | "danger";
  /** Runs the action; without it the action button submits the dialog's form. */
  onConfirm?: () => void;
};

/** The foot of a dialog: Cancel, then its one action. */
export function DialogActions({ label, onCancel, isPending, tone = "primary", onConfirm }: Props) {
  return (
    <div className="flex justify-end gap-2 pt-2">
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type={onConfirm ? "button" : "submit"} variant={tone} onClick={onConfirm} isLoading={isPending}>
        {label}
      </Button>
    </div>
  );
}
