import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
  {
    // The routing engine and the classifier stay pure: no Next.js, Prisma, env or network.
    files: ["lib/routing/**/*.ts", "lib/classifier/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "@prisma/*", "@/lib/db/*", "pg", "node:http", "node:https", "undici"], message: "lib/routing and lib/classifier must stay pure." },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "fetch", message: "No network in pure modules." }],
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "No env in pure modules: pass values in." }],
    },
  },
];

export default config;
