/**
 * The outcomes dataset the first-run seed imports (prisma/seed.ts): the shipped RouteProfile
 * file, whose models are those of the demo tiers, so /jobs can retrain from the first start.
 */
export const DEMO_DATASET = { name: "routeprofile demo", file: "data/routing/routeprofile.jsonl", source: "demo" } as const;
