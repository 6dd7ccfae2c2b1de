import type { AgendaItemView } from '../../../../shared/views-agenda';

/**
 * Whether a projection shows the whole room or the side-by-side view by standpoint. It follows the
 * facilitator's choice (the item's `display.byStandpoint`); whoever stands at the big screen may switch
 * it there too, until the facilitator chooses again.
 */
export class StandpointView {
  #local = $state.raw<{ itemId: string; facilitator: boolean; value: boolean } | null>(null);

  constructor(private readonly item: () => AgendaItemView | null) {}

  get byStandpoint(): boolean {
    const item = this.item();
    if (!item) return false;
    const local = this.#local;
    if (local && local.itemId === item.id && local.facilitator === item.display.byStandpoint) return local.value;
    return item.display.byStandpoint;
  }

  set byStandpoint(value: boolean) {
    const item = this.item();
    if (item) this.#local = { itemId: item.id, facilitator: item.display.byStandpoint, value };
  }
}
