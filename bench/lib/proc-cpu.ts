/**
 * CPU time from /proc (Linux): user + system, all threads, in ms. NaN where /proc is not there.
 * Fields 14 and 15 of /proc/<pid>/stat, counted after the command name (which may itself hold
 * spaces or ")"), in clock ticks of USER_HZ = 100.
 */
import { readdirSync, readFileSync } from "node:fs";

type Stat = { comm: string; cpuMs: number };

function readStat(pid: number | string): Stat {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / 100 };
}

/** CPU time one process has used so far. */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    return readStat(pid).cpuMs;
  } catch {
    return NaN;
  }
}

/** CPU time of every process `pick` selects (e.g. all of Postgres's), summed. */
export function cpuMsWhere(pick: (comm: string, pid: number) => boolean): number {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return NaN;
  }
  let total = 0;
  for (const entry of entries) {
    try {
      const { comm, cpuMs } = readStat(entry);
      if (pick(comm, Number(entry))) total += cpuMs;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}
