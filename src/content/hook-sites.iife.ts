/**
 * The page hook's dynamic entry: registered by the worker (scripting.registerContentScripts)
 * for the sites turned on, or every page under the all-sites option. Development hosts are left
 * to the static entry (./hook-dev-hosts.iife.ts), so a page is wrapped once whichever runs first.
 */
import { isDevHost } from '../shared/scope';
import { wrapPageApis } from './main-world.iife';

if (!isDevHost(location.hostname)) wrapPageApis();
