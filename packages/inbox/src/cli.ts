// `faultline-inbox`: runs the inbox until Ctrl-C. Bad start-up input: one line on stderr, exit 2.

import { parseCliArgs, USAGE } from './args';
import { InboxStartError } from './errors';
import { startInbox } from './inbox';

const EXIT_BAD_INPUT = 2;

async function main(argv: string[]): Promise<void> {
  const options = parseCliArgs(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const inbox = await startInbox({
    port: options.port,
    host: options.host,
    dataDir: options.dataDir,
    key: options.key,
    quiet: options.quiet,
  });
  process.stdout.write(`DSN: ${inbox.dsn}\nEvents: ${inbox.url}/ (data in ${inbox.dataDir})\n`);
  const stop = () => {
    inbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof InboxStartError) {
    process.stderr.write(`faultline-inbox: ${error.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  process.stderr.write(`faultline-inbox: ${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
