"use client";

import { impactSentence, useTrafficImpact } from "@/components/audit/use-traffic-impact";

/** The review step's impact line for a tier: the logged requests of the last 7 days it served (a new tier: none yet). */
export function TierImpact({ tier }: { tier: string | null }) {
  const impact = useTrafficImpact(tier ? { tier } : null);
  if (!tier) return <p data-testid="impact">A new tier serves no traffic until a policy lists it.</p>;
  return (
    <>
      <p data-testid="impact">{impactSentence(impact.data, impact.isPending)}</p>
      {impact.isError && <p className="text-amber-800">Could not count recent traffic: {impact.error.message}</p>}
    </>
  );
}
