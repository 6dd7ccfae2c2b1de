import type { CroiseeClient } from '../../../../shared/client/croisee-client';
import { LiveConnection } from './live-connection.svelte';

/** The big screen's connection: read-only, it shows the workshop, attendance and the current activity. */
export class ProjectionView extends LiveConnection {
  constructor(client: CroiseeClient, workshopId: string, secret: string) {
    super(client, { role: 'projection', workshopId, secret });
  }
}
