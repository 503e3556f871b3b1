#!/usr/bin/env node
// `npx frontdesk <command>`: runs the TypeScript CLI in lib/cli through tsx's loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
