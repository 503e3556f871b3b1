import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const NO_EXTENSION = { regex: "^\\..*\\.tsx?$", message: "Import without the .ts/.tsx extension." };
const NO_ALIAS = { regex: "^@/", message: "Outside app/ and components/, import relatively (tsx runs these from any folder)." };
const NO_PARENT = { regex: "^\\.\\./", message: "In app/ and components/, import from another folder through \"@/\"." };

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
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            NO_EXTENSION,
            NO_ALIAS,
            { group: ["next", "next/*", "@prisma/*", "pg", "node:http", "node:https", "undici", "**/db/*", "**/gateway/*", "**/providers/*"], message: "lib/routing and lib/classifier must stay pure." },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "No network in pure modules." }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "No env in pure modules: pass values in." }],
    },
  },
];

export default config;
