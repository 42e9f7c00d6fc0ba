/** The worker's one reducer: `(state, input) → { state, effects }`, by input family. */
import type { CaptureState, Input, Result, Step } from '../state';
import { reduceCanvasTaint } from './canvas-taint';
import { reduceClear, reduceSettings, reduceTabRemoved, reduceTick, reduceWake } from './lifecycle';
import { reducePageCall } from './page-calls';
import { reducePageWorkers } from './page-workers';
import { dropUnsaved, freeSpace } from './records';
import { forgetTabScope, reducePanel, reduceTabPage } from './scope';
import { reduceWebRequest } from './web-request';

const timeOf = (input: Input): number => ('now' in input ? input.now : 0);

export function reduce(state: CaptureState, input: Input): Result {
  const step: Step = { state, effects: [], now: timeOf(input) };
  switch (input.type) {
    case 'web-request':
      reduceWebRequest(step, input);
      break;
    case 'page-call':
      reducePageCall(step, input);
      break;
    case 'canvas-taint':
      reduceCanvasTaint(step, input);
      break;
    case 'page-workers':
      reducePageWorkers(step, input);
      break;
    case 'tab-removed':
      reduceTabRemoved(step, input.tabId);
      forgetTabScope(step, input.tabId);
      break;
    case 'tab-page':
      reduceTabPage(step, input);
      break;
    case 'panel':
      reducePanel(step, input);
      break;
    case 'clear':
      reduceClear(step, input.tabId);
      break;
    case 'settings':
      reduceSettings(step, input.patch);
      break;
    case 'wake':
      reduceWake(step, input);
      break;
    case 'tick':
      reduceTick(step);
      break;
    case 'quota':
      freeSpace(step);
      break;
    case 'unsaved':
      dropUnsaved(step, input.keys);
      break;
  }
  return { state: step.state, effects: step.effects };
}
