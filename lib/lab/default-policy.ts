/** The policy behind frontdesk/auto: the lab's commands replay it when no --policy is given. */
import { configFromRows } from "../config/config-from-rows";
import { readConfigRows } from "../db/config-repo";

export async function defaultPolicyName(): Promise<string> {
  const config = configFromRows(await readConfigRows());
  return config.defaultPolicy ?? config.policies[0]?.name ?? "default";
}
