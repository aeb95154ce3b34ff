// What every dashboard page provides to the shell (main.ts).

export interface Page {
  /** Heading and document title. */
  readonly title: string;
  readonly element: HTMLElement;
  /** Fetches from the API and updates the page; called on open and on every poll. */
  refresh(signal: AbortSignal): Promise<void>;
  destroy(): void;
}

export interface PageInput {
  /** The query part of the hash route (`#/routing?tier=light`). */
  params: URLSearchParams;
  /** Writes new query params into the hash without reloading or adding history entries. */
  setParams(params: URLSearchParams): void;
  /** Asks the shell to refresh now (after a filter change). */
  refreshNow(): void;
}

export type PageFactory = (input: PageInput) => Page;
