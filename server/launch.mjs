/**
 * `npm start`: the compiled server in dist/ (server/build.mjs, run by `npm install`) when it was compiled
 * from the sources as they are now, else the TypeScript through tsx, in this same process. The compiled
 * server takes about 60 MiB less memory (BENCHMARKS.md, *Minne*); a source changed since the build, or no
 * build at all, is never run stale.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The TypeScript that dist/ is compiled from: how many files, and the newest change among them. */
export function sourceState(root) {
  let files = 0, newest = 0;
  for (const dir of ["server", "models", "surveys"]) {
    for (const f of fs.readdirSync(path.join(root, dir), { recursive: true })) {
      if (!String(f).endsWith(".ts")) continue;
      files++;
      newest = Math.max(newest, fs.statSync(path.join(root, dir, String(f))).mtimeMs);
    }
  }
  const config = path.join(root, "tsconfig.build.json");
  if (fs.existsSync(config)) newest = Math.max(newest, fs.statSync(config).mtimeMs);
  return { files, newest };
}

/** Whether dist/ holds the compiled form of the sources as they are now. */
export function compiledIsCurrent(root) {
  try {
    const built = JSON.parse(fs.readFileSync(path.join(root, "dist", "build.json"), "utf8"));
    const now = sourceState(root);
    return built.files === now.files && built.newest >= now.newest && fs.existsSync(path.join(root, "dist", "server", "main.js"));
  } catch {
    return false;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  if (compiledIsCurrent(root)) {
    await import(pathToFileURL(path.join(root, "dist", "server", "main.js")).href);
  } else {
    console.error("Startar från TypeScript-källan genom tsx: dist/ saknas eller är äldre än källan. `npm run build` kompilerar (mindre minne).");
    const { register } = await import("tsx/esm/api");
    register();
    await import(pathToFileURL(path.join(root, "server", "main.ts")).href);
  }
}
