/** Types of server/launch.mjs, for the benchmark and the tests that ask whether dist/ is current. */
export function sourceState(root: string): { files: number; newest: number };
export function compiledIsCurrent(root: string): boolean;
