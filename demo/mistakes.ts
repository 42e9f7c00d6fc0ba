/**
 * The demo's broken endpoints: one per common CORS mistake, plus one that works. Data only; the
 * server answers from it and the page calls from it. `{page}` is the page's origin, `{other}` a
 * second API origin (a redirect target).
 */
export interface Reply {
  readonly status?: number;
  /** Header lines in order; a name listed twice is sent as two lines. */
  readonly headers?: readonly (readonly [string, string])[];
}

export interface Mistake {
  readonly id: string;
  readonly title: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly credentials?: 'include';
  /** Answer to OPTIONS; without it a preflight gets 405 with no CORS header. */
  readonly preflight?: Reply;
  readonly actual: Reply;
}

const ACAO = 'Access-Control-Allow-Origin';

export const MISTAKES: readonly Mistake[] = [
  { id: 'missing-acao', title: 'No Access-Control-Allow-Origin at all', actual: {} },
  {
    id: 'wrong-origin',
    title: 'Allows another origin',
    actual: { headers: [[ACAO, 'https://example.com']] },
  },
  { id: 'trailing-slash', title: 'Origin with a trailing slash', actual: { headers: [[ACAO, '{page}/']] } },
  {
    id: 'wildcard-credentials',
    title: 'Wildcard with credentials',
    credentials: 'include',
    actual: { headers: [[ACAO, '*']] },
  },
  {
    id: 'missing-acac',
    title: 'Credentials without Access-Control-Allow-Credentials',
    credentials: 'include',
    actual: { headers: [[ACAO, '{page}']] },
  },
  {
    id: 'preflight-404',
    title: 'Preflight answered 404',
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    preflight: { status: 404 },
    actual: { headers: [[ACAO, '{page}']] },
  },
  {
    id: 'method-not-allowed',
    title: 'Method missing from Access-Control-Allow-Methods',
    method: 'DELETE',
    preflight: {
      status: 204,
      headers: [
        [ACAO, '{page}'],
        ['Access-Control-Allow-Methods', 'GET, POST'],
      ],
    },
    actual: { headers: [[ACAO, '{page}']] },
  },
  {
    id: 'header-not-allowed',
    title: 'Header missing from Access-Control-Allow-Headers',
    headers: { 'X-Api-Key': 'demo' },
    preflight: {
      status: 204,
      headers: [
        [ACAO, '{page}'],
        ['Access-Control-Allow-Headers', 'content-type'],
      ],
    },
    actual: { headers: [[ACAO, '{page}']] },
  },
  {
    id: 'authorization-wildcard',
    title: 'Authorization covered only by Access-Control-Allow-Headers: *',
    headers: { Authorization: 'Bearer demo' },
    preflight: {
      status: 204,
      headers: [
        [ACAO, '*'],
        ['Access-Control-Allow-Headers', '*'],
      ],
    },
    actual: { headers: [[ACAO, '*']] },
  },
  {
    id: 'redirect-cross-origin',
    title: 'Redirect to another origin that sends no CORS header',
    actual: {
      status: 302,
      headers: [
        [ACAO, '{page}'],
        ['Location', '{other}/demo/plain'],
      ],
    },
  },
  {
    id: 'multiple-acao',
    title: 'Access-Control-Allow-Origin sent twice',
    actual: {
      headers: [
        [ACAO, '{page}'],
        [ACAO, '{page}'],
      ],
    },
  },
  {
    id: 'works',
    title: 'Correct: exact origin and Vary: Origin',
    actual: {
      headers: [
        [ACAO, '{page}'],
        ['Vary', 'Origin'],
      ],
    },
  },
];
