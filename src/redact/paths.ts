import { REDACTED } from './secrets';

/**
 * URL paths that are themselves the secret: whoever has the URL can post to the channel. Their
 * keys are often too short or too regular for the random-token rule (a Slack webhook's key is
 * 24 letters and digits), so each shape is named here. The part that stays (the service, the
 * workspace or webhook id) is what a reader needs to tell which hook failed.
 * Matched on the path whatever the host: the same paths come through proxies and relays.
 */
export const SECRET_PATHS: readonly { readonly service: string; readonly shape: RegExp }[] = [
  // hooks.slack.com/services/T…/B…/<key>
  { service: 'Slack incoming webhook', shape: /(\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/)[^/;?#]+/g },
  // hooks.slack.com/workflows/T…/A…/<id>/<key>, /triggers/T…/<id>/<key>
  {
    service: 'Slack workflow webhook',
    shape: /(\/(?:workflows|triggers)\/T[A-Z0-9]+\/(?:[^/;?#]+\/){1,2})[^/;?#]+/g,
  },
  // discord.com/api/webhooks/<id>/<token> (also /api/v10/webhooks/…, discordapp.com)
  { service: 'Discord webhook', shape: /(\/api\/(?:v\d+\/)?webhooks\/\d+\/)[^/;?#]+/g },
  // <tenant>.webhook.office.com/webhookb2/<group>@<tenant>/IncomingWebhook/<key>/<owner>
  { service: 'Microsoft Teams webhook', shape: /(\/IncomingWebhook\/)[^/;?#]+/gi },
  // api.telegram.org/bot<id>:<token>/sendMessage
  { service: 'Telegram bot', shape: /(\/bot\d+:)[^/;?#]+/g },
  // hooks.zapier.com/hooks/catch/<account>/<key>
  { service: 'Zapier webhook', shape: /(\/hooks\/catch\/[^/;?#]+\/)[^/;?#]+/g },
  // Mattermost /hooks/<key>, Rocket.Chat /hooks/<id>/<token>: segments of 16+ key characters.
  { service: 'Mattermost, Rocket.Chat webhooks', shape: /(\/hooks\/)[A-Za-z0-9_-]{16,}(?=$|[/;?#])/g },
  { service: 'Rocket.Chat webhook token', shape: /(\/hooks\/\[REDACTED\]\/)[A-Za-z0-9_-]{16,}/g },
  // maker.ifttt.com/trigger/<event>/with/key/<key>
  { service: 'IFTTT webhook', shape: /(\/with\/key\/)[^/;?#]+/g },
];

/** The path (what follows the authority) with every known secret-bearing part replaced. */
export function redactSecretPaths(path: string): string {
  let out = path;
  for (const { shape } of SECRET_PATHS)
    out = out.replace(shape, (_all, keep: string) => `${keep}${REDACTED}`);
  return out;
}
