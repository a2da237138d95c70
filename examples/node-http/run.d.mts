export interface NodeHttpExampleResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs examples/node-http/app.mjs against `dsn` in a child process. */
export function runNodeHttpExample(options: { dsn: string; timeoutMs?: number }): Promise<NodeHttpExampleResult>;
