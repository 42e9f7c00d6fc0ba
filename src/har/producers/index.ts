import { chromeDevtools } from './chrome-devtools';
import { chromeHar } from './chrome-har';
import { firefox } from './firefox';
import { generic } from './generic';
import { playwright } from './playwright';
import type { Producer } from './types';

export type { Producer, ProducerCapabilities, ProducerId } from './types';

/** The producer named by `log.creator` (name as each tool writes it); unknown names read loosely. */
export function producerOf(creator: unknown): Producer {
  const record = typeof creator === 'object' && creator !== null ? (creator as Record<string, unknown>) : {};
  const name = typeof record.name === 'string' ? record.name.slice(0, 200) : '';
  const version = typeof record.version === 'string' ? record.version.slice(0, 50) : '';
  const label = `${name}${version ? ` ${version}` : ''}`;
  const lower = name.toLowerCase();
  if (lower === 'playwright') return playwright(label);
  if (lower === 'chrome-har' || lower === 'browsertime' || lower.includes('sitespeed'))
    return chromeHar(label);
  if (lower === 'webinspector') return chromeDevtools(label);
  if (lower === 'firefox') return firefox(label);
  if (lower.includes('webkit') || lower.includes('safari')) return generic(label, 'safari');
  return generic(label);
}

/** A producer by its id (records keep only the id): its capabilities, for the words. */
export function producerById(id: string): Producer {
  const names: Readonly<Record<string, string>> = {
    playwright: 'Playwright',
    'chrome-har': 'chrome-har',
    'chrome-devtools': 'WebInspector',
    firefox: 'Firefox',
    safari: 'WebKit Web Inspector',
  };
  return producerOf({ name: names[id] ?? id });
}
