import { importCommand } from '../feeds/import-command';
import { hubConfigFromEnv, startHub, stopOnSignals } from './start-hub';

/** `npm run hub`: one hub process against DATABASE_URL; see docs/HUB.md for the settings. */
async function main(): Promise<void> {
  const hub = await startHub(hubConfigFromEnv(process.env));
  console.log(`hub: listening at ${hub.url}`);
  stopOnSignals(() => hub.close());
}

/** `npm run hub -- import <folder>`: a feed import at the hub from its own disk (docs/HUB.md, "Carrier data at the hub: import"). */
function runImportCommand(args: string[]): void {
  const onCancel = (cancel: () => void) => {
    process.on('SIGINT', cancel);
    process.on('SIGTERM', cancel);
  };
  importCommand(args, { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line), onCancel }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('import: failed:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

if (process.argv[2] === 'import') {
  runImportCommand(process.argv.slice(3));
} else {
  main().catch((error: unknown) => {
    console.error('hub: could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
