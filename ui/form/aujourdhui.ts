import { createContext } from 'react';

/**
 * The service's today (ISO day, from GET /api/calendar), for the calendar of the date fields to
 * open on it — the server's day, which a fixed ESAT_TODAY may set, not the browser's clock.
 */
export const Aujourdhui = createContext<string | undefined>(undefined);
