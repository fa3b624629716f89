// Lint guards the layers: routes never touch SQL, pure calculations never touch I/O.
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "models/migrations/", "public/js/vendor/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["server/**/routes.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["drizzle-orm", "drizzle-orm/*"], message: "Routes talk to services, never to SQL." },
          { group: ["**/repo.js", "**/models/schema.js", "**/models/db.js"], message: "Routes reach data through a service." },
        ],
      }],
    },
  },
  {
    // One writer for Excel files, so that no workbook leaves a text cell Excel could run as a formula.
    files: ["server/**/*.ts"],
    ignores: ["server/spreadsheet.ts"],
    rules: {
      "no-restricted-syntax": ["error", {
        selector: "MemberExpression[object.property.name='xlsx'][property.name=/^write/]",
        message: "Write workbooks with workbookBuffer (server/spreadsheet.ts): it makes every text cell formula-safe.",
      }],
    },
  },
  {
    files: ["server/**/stats.ts", "server/**/*.pure.ts", "server/**/calc/**/*.ts", "server/**/pii.ts", "server/**/goals.ts",
      "server/results/threshold.ts", "server/results/format.ts", "surveys/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          { group: ["express", "express/*", "drizzle-orm", "drizzle-orm/*", "nodemailer", "pg", "@electric-sql/*", "**/repo.js", "**/models/*"], message: "Calculations are pure: no HTTP, database or mail." },
        ],
      }],
    },
  },
);
