import type { LaunchOptions } from 'puppeteer-core';

export declare const REPO_ROOT: string;
export declare const EXTENSION_DIR: string;
export declare const PROFILES_DIR: string;
export declare const CHROMIUM_PATH: string;
export interface ProfileDirs {
  base: string;
  userData: string;
  config: string;
  cache: string;
  tmp: string;
}
/** Launch flags every launch shares (no sandbox, no GPU process, no Google traffic). */
export declare const QUIET_ARGS: string[];
/** Profile preferences written before every launch (no spellcheck dictionary download). */
export declare const QUIET_PREFERENCES: Record<string, Record<string, unknown>>;
export declare function writeQuietPreferences(userData: string): void;
export declare function createProfileDirs(label: string): ProfileDirs;
export declare function buildLaunchOptions(options: {
  profile: ProfileDirs;
  proxyPort?: number;
  headless?: boolean;
  extensionDir?: string;
}): LaunchOptions;
