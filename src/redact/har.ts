import type { Cookie, Entry, Har, Header as HarHeader, QueryString, Request, Response } from 'har-format';
import { redactHeaderValue } from './record';
import { type Lists, listsOf, REDACTED, type RedactionLists } from './secrets';
import { redactUrlWith } from './url';

/**
 * A copy of a whole HAR document fit to share: every URL and header as in `redactRecord`, every
 * `cookies` entry's value, every query parameter the URL rule would hide, and the bodies
 * (`postData`, `content.text`): a body can hold anything, so none is kept.
 */
export function redactHarLog(har: Har, settings: RedactionLists): Har {
  const lists = listsOf(settings);
  return { ...har, log: { ...har.log, entries: har.log.entries.map((e) => redactEntry(e, lists)) } };
}

function headers(list: readonly HarHeader[], lists: Lists): HarHeader[] {
  return list.map((h) => ({ ...h, value: redactHeaderValue(h.name, h.value, lists) }));
}

const cookies = (list: readonly Cookie[]): Cookie[] => list.map((c) => ({ ...c, value: REDACTED }));

function query(list: readonly QueryString[], lists: Lists): QueryString[] {
  return list.map((q) => {
    const probe = redactUrlWith(`?${encodeURIComponent(q.name)}=${encodeURIComponent(q.value)}`, lists);
    return probe.endsWith(`=${REDACTED}`) ? { ...q, value: REDACTED } : q;
  });
}

function request(req: Request, lists: Lists): Request {
  const out: Request = {
    ...req,
    url: redactUrlWith(req.url, lists),
    headers: headers(req.headers, lists),
    cookies: cookies(req.cookies),
    queryString: query(req.queryString, lists),
  };
  const body = req.postData;
  if (body !== undefined) {
    out.postData =
      body.params === undefined
        ? { ...body, text: REDACTED }
        : { ...body, params: body.params.map((p) => ({ name: p.name, value: REDACTED })) };
  }
  return out;
}

function response(res: Response, lists: Lists): Response {
  const { text, ...content } = res.content;
  return {
    ...res,
    redirectURL: redactUrlWith(res.redirectURL, lists),
    headers: headers(res.headers, lists),
    cookies: cookies(res.cookies),
    content: text === undefined ? content : { ...content, text: REDACTED },
  };
}

function redactEntry(entry: Entry, lists: Lists): Entry {
  return { ...entry, request: request(entry.request, lists), response: response(entry.response, lists) };
}
