import { hubConfigFromEnv, startHub, stopOnSignals } from './start-hub';

/** `npm run hub`: one hub process against DATABASE_URL; see docs/HUB.md for the settings. */
async function main(): Promise<void> {
  const hub = await startHub(hubConfigFromEnv(process.env));
  console.log(`hub: listening at ${hub.url}`);
  stopOnSignals(() => hub.close());
}

main().catch((error: unknown) => {
  console.error('hub: could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
