export function electronNativeBindingPath(root: string, electronVersion: string): string;
export function cleanBuildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
/** Null when the file is an Electron build for expectedAbi; otherwise why it is not. */
export function checkIsElectronBuild(file: string, expectedAbi: string | null): string | null;
