import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const NO_EXTENSION = { regex: "^\\..*\\.tsx?$", message: "Import without the .ts/.tsx extension." };
const NO_ALIAS = { regex: "^@/", message: "Outside app/ and components/, import relatively (tsx runs these from any folder)." };
const NO_PARENT = { regex: "^\\.\\./", message: "In app/ and components/, import from another folder through \"@/\"." };
const PURE = {
  group: ["next", "next/*", "@prisma/*", "pg", "node:http", "node:https", "undici", "**/db/*", "**/gateway/*", "**/providers/*"],
  message: "lib/routing and lib/classifier must stay pure.",
};

// The layers of lib/, lowest first (ARCHITECTURE.md, "Layers"). A folder imports only folders of
// lower layers; folders sharing a layer do not import each other; lib/testing and app/,
// components/, scripts/ are never imported by lib's own (non-test) code.
const LAYERS = [
  ["classifier"],
  ["routing"],
  ["providers"],
  ["http", "telemetry"],
  ["db", "state"],
  ["auth", "config", "datasets", "labeling", "monitoring"],
  ["lab", "alerts"],
  ["gateway"],
  ["demo", "jobs"],
  ["audit"],
  ["cli", "server"],
];
const OUTSIDE_LIB = ["app", "components", "scripts", "bench", "e2e"];

// One block per folder and file depth: a relative import names a folder only once its "../"
// count is known (lib/classifier/intent/x.ts reaching "../testing" means lib/classifier/testing).
// Each block repeats NO_EXTENSION and NO_ALIAS (and PURE for the pure folders): when several
// blocks set no-restricted-imports for a file, ESLint keeps only the last one's options.
function layerBlocks() {
  const blocks = [];
  LAYERS.forEach((layer, rank) => {
    const below = LAYERS.slice(0, rank).flat();
    for (const folder of layer) {
      const banned = [...LAYERS.flat().filter((f) => f !== folder && !below.includes(f)), "testing"];
      const message = `lib/${folder} imports only lower layers (${below.join(", ") || "none"}); move what it needs down instead (ARCHITECTURE.md, "Layers").`;
      for (let depth = 1; depth <= 4; depth++) {
        const up = (n) => `^(\\.\\./){${n}}`;
        const higher = `${up(depth)}(${banned.join("|")})(/|$)`;
        const outside = `${up(depth + 1)}(${OUTSIDE_LIB.join("|")})(/|$)`;
        const slash = (re) => re.replaceAll("/", "\\x2F");
        blocks.push({
          files: [`lib/${folder}/${"*/".repeat(depth - 1)}*.ts`],
          ignores: ["**/*.test.ts"],
          rules: {
            "no-restricted-imports": [
              "error",
              {
                patterns: [
                  NO_EXTENSION,
                  NO_ALIAS,
                  ...(folder === "routing" || folder === "classifier" ? [PURE] : []),
                  { regex: higher, message },
                  { regex: outside, message: "lib/ never imports app/, components/, scripts/, bench/ or e2e/." },
                ],
              },
            ],
            // import() is not seen by no-restricted-imports.
            "no-restricted-syntax": [
              "error",
              { selector: `ImportExpression[source.value=/${slash(higher)}/]`, message },
              { selector: `ImportExpression[source.value=/${slash(outside)}/]`, message: "lib/ never imports app/, components/, scripts/, bench/ or e2e/." },
            ],
          },
        });
      }
    }
  });
  return blocks;
}

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      "lib/db/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "data/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // App Router only; there is no pages/ directory.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  // One import style (ARCHITECTURE.md): no file extensions; lib/, scripts/, bench/, prisma/ and
  // e2e/ import relatively (they run under tsx from any working directory, where the "@/" alias of
  // tsconfig is not guaranteed); app/ and components/ use "./" for their own folder, "@/" otherwise.
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_EXTENSION] }] },
  },
  {
    files: ["lib/**/*.ts", "scripts/**/*.ts", "bench/**/*.ts", "prisma/**/*.ts", "e2e/**/*.ts", "*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_EXTENSION, NO_ALIAS] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [NO_EXTENSION, NO_PARENT] }] },
  },
  {
    // The routing engine and the classifier stay pure: no Next.js, Prisma, env or network.
    files: ["lib/routing/**/*.ts", "lib/classifier/**/*.ts"],
    ignores: ["**/*.test.ts"],
    // (their import rules, PURE included, are in the layer blocks below)
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "No network in pure modules." }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "No env in pure modules: pass values in." }],
    },
  },
  ...layerBlocks(),
];

export default config;
