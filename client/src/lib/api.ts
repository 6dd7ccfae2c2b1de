import { CroiseeClient } from '../../../shared/client/croisee-client';

/** The API client for this page's own server (same origin). */
export const api = new CroiseeClient('');
