/**
 * The development switches a start honours. A packaged build ignores every one of them:
 * an operator who can set an environment variable must not get demo sign-ins or another
 * profile folder that way.
 */
export interface LaunchSettings {
  /** Fill an unused database with the demo data set and the demo operators. */
  readonly seedDemo: boolean;
  /** Profile folder to use instead of the operating system's. */
  readonly userDataDir: string | undefined;
}

export function launchSettings(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): LaunchSettings {
  if (isPackaged) return { seedDemo: false, userDataDir: undefined };
  return { seedDemo: true, userDataDir: env.OCD_USER_DATA_DIR || undefined };
}
