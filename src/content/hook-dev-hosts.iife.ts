/**
 * The page hook's static entry (manifest, every page, document_start, main world): it wraps
 * only on development hosts (src/shared/scope.ts), the default scope. Elsewhere it returns at
 * once: the page keeps its built-ins. Sites turned on and the all-sites option use the other
 * entry, registered by the worker to follow the settings (./hook-sites.iife.ts).
 */
import { isDevHost } from '../shared/scope';
import { wrapPageApis } from './main-world.iife';

if (isDevHost(location.hostname)) wrapPageApis();
