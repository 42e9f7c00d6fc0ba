import type { Header } from '../../evaluator/types';

/**
 * A HAR producer: the tool that wrote the file (`log.creator.name`). HAR 1.2 leaves a lot to the
 * writer (how a failed request looks, whether preflights are entries, which header lines are
 * kept), so each producer gets a small adapter that turns its conventions into the one entry
 * shape the importer reads, and says what it cannot record.
 */
export type ProducerId = 'chrome-devtools' | 'firefox' | 'safari' | 'playwright' | 'chrome-har' | 'other';

/** What a producer's HAR holds, as verified with the real tool (see test/e2e/har-producers.test.ts). */
export interface ProducerCapabilities {
  /** Preflights are entries of their own: 'yes', never: 'no', not verified here: 'unknown'. */
  readonly preflights: 'yes' | 'no' | 'unknown';
  /** A response the browser refused (CORS check failed) keeps its status and headers. */
  readonly refusedResponses: 'yes' | 'no' | 'unknown';
  /** Requests that failed are entries at all (chrome-har leaves them out). */
  readonly failedRequests: 'yes' | 'no' | 'unknown';
  /**
   * An entry with a status and no failure text is a response the browser delivered to the page
   * (the producer marks every failure, or leaves failures out): the browser's own decision.
   */
  readonly answeredMeansDelivered: boolean;
}

/** The raw fields an adapter may read, besides what every HAR has. */
export type RawEntry = Readonly<Record<string, unknown>>;

export interface Producer {
  readonly id: ProducerId;
  /** `log.creator.name` and version as written, for messages. */
  readonly creator: string;
  readonly capabilities: ProducerCapabilities;
  /**
   * How long before its preflight the request that waited for it may be stamped: Chrome stamps
   * the preflight a hair after (50 ms); Firefox stamps the request when it is created, before
   * the preflight it then waits for (up to 0.5 s apart on a loaded machine, in the corpus).
   */
  readonly preflightSlackMs: number;
  /** The failure text the producer writes for a request that got no usable response. */
  failure(raw: RawEntry, response: RawEntry): string;
  /** Request header lines as the browser sent them (a producer may repeat or fold lines). */
  requestHeaders(headers: readonly Header[]): Header[];
  /** A URL of the code or document that started the request, '' when not recorded. */
  initiatorUrl(raw: RawEntry): string;
}
