/**
 * Memory of a stack of processes as the kernel counts it: PSS (proportional set size) from
 * /proc/<pid>/smaps_rollup, summed over every process of the stack. PSS shares a page that several
 * processes map (node's own binary, shared libraries) between them, so the sum is what the stack costs
 * the machine, which RSS summed over several processes overstates. Linux only.
 */
import fs from "node:fs";
import { processTree } from "../test/process/helpers.js";

/** PSS of one process in MiB, or 0 when it is gone (or not ours to read). */
export function pssMiB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+)\s+kB$/m.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** PSS summed over the process trees of `roots` (each pid once), in MiB. */
export function stackPssMiB(roots: number[]): number {
  const pids = new Set(roots.flatMap((r) => processTree(r)));
  let sum = 0;
  for (const pid of pids) sum += pssMiB(pid);
  return sum;
}

/**
 * Samples the stack's PSS every `everyMs` until stopped: the highest sum seen and the last one. A short
 * peak between two samples can be missed; 50 ms is short beside PGlite's initdb (seconds).
 */
export function sampleStack(roots: () => number[], everyMs = 50) {
  let max = 0, last = 0, samples = 0;
  const take = () => { last = stackPssMiB(roots()); samples++; if (last > max) max = last; };
  take();
  const timer = setInterval(take, everyMs);
  return {
    get max() { return max; },
    get last() { return last; },
    stop() { clearInterval(timer); take(); return { max, last, samples }; },
  };
}
