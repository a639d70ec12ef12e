export declare const FIXTURE_PAGES_DIR: string;
export interface FixtureServer {
  origin: string;
  url(page: string): string;
  close(): Promise<void>;
}
export declare function startFixtureServer(rootDir?: string): Promise<FixtureServer>;
