import { createContext } from 'preact';
import type { CorsRecord } from '../shared/record';

/**
 * Every record the panel holds (the tab's, or an imported file's), for parts of the details that
 * reason over more than the selected record: the fix policy covers every request to its server.
 * Empty outside a provider: the policy then comes from the selected record alone.
 */
export const RecordsContext = createContext<readonly CorsRecord[]>([]);
