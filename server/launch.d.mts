/** Types of server/launch.mjs, for the benchmark and the tests that ask whether dist/ is current. */
export function sourceState(root: string): { files: number; newest: number };
export function compiledIsCurrent(root: string): boolean;
export const EMBEDDED_MEMORY: string[];
export function embeddedChild(env: NodeJS.ProcessEnv, execArgv: string[]): { execArgv: string[]; env: NodeJS.ProcessEnv } | null;
