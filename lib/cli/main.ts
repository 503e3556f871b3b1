/**
 * The `frontdesk` command line. Each command lives in lib/cli/commands/<name>.ts and exports
 * `run(args: string[]): Promise<number>` (the exit code) and `summary` (one line for --help).
 * stdout carries only a command's result; progress and diagnostics go to stderr.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

type Command = { run(args: string[]): Promise<number>; summary?: string };

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "commands");

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

async function printHelp(): Promise<void> {
  const lines = ["Usage: frontdesk <command> [options]", "", "Commands:"];
  for (const name of commandNames()) {
    const mod = (await import(path.join(commandsDir, `${name}.ts`))) as Command;
    lines.push(`  ${name.padEnd(10)} ${mod.summary ?? ""}`);
  }
  process.stderr.write(lines.join("\n") + "\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    await printHelp();
    return name ? 0 : 2;
  }
  const file = path.join(commandsDir, `${name}.ts`);
  if (!/^[a-z][a-z-]*$/.test(name) || !existsSync(file)) {
    process.stderr.write(`frontdesk: unknown command "${name}". Run "frontdesk --help".\n`);
    return 2;
  }
  const mod = (await import(file)) as Command;
  try {
    return await mod.run(args);
  } catch (error) {
    process.stderr.write(`frontdesk ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
