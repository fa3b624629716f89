// Lint guards the layers: routes never touch SQL, pure calculations never touch I/O, features meet only
// through each other's service.ts; and no promise is left floating. (Import cycles: madge, in `npm run lint`.)
import tseslint from "typescript-eslint";

// What one feature may import from another (server/<feature>/…): its service (collections and answering have a
// second one: invitations.ts, held.ts), and pure calculations that do no I/O. Anything else (a repo, a
// present.ts, a schema.ts) is the feature's own business; the few presenters shared on purpose say why inline.
const PUBLIC_OF_A_FEATURE = ["service", "invitations", "held", "[a-z-]+\\.pure", "roles", "pii", "format", "threshold", "stats", "rules\\.pure"];
const crossFeature = `^\\.\\.\\/(?!http\\/|ratelimit\\/)[a-z-]+\\/(?!(?:${PUBLIC_OF_A_FEATURE.join("|")})\\.js$)`;

export default tseslint.config(
  { ignores: ["node_modules/", "data/", "dist/", "models/migrations/", "public/js/vendor/"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Type-aware: a forgotten await loses an error (or a transaction's work) without a trace.
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
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
    // Features use each other through service.ts (jobs/registry.ts, like server/routes.ts, composes them all).
    files: ["server/*/**/*.ts"],
    ignores: ["server/spreadsheet.ts", "server/jobs/registry.ts"],
    rules: {
      "no-restricted-syntax": ["error", {
        selector: "MemberExpression[object.property.name='xlsx'][property.name=/^write/]",
        message: "Write workbooks with workbookBuffer (server/spreadsheet.ts): it makes every text cell formula-safe.",
      }, {
        selector: `ImportDeclaration[importKind!='type'][source.value=/${crossFeature}/]`,
        message: "Another feature is reached through its service.ts (or a pure calculation): its other files are its own.",
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
