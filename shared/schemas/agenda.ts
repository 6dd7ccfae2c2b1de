import { z } from 'zod';
import { idSchema } from './common';

/** Most items a workshop agenda holds. */
export const MAX_AGENDA_ITEMS = 100;

/** `agenda:open`, `agenda:close`, `agenda:delete`: one agenda item of the facilitator's workshop. */
export const agendaItemRefSchema = z.object({ itemId: idSchema });

/** `agenda:reorder`: every item of the agenda, in the new order. */
export const reorderAgendaSchema = z.object({
  itemIds: z
    .array(idSchema)
    .min(1)
    .max(MAX_AGENDA_ITEMS)
    .refine((ids) => new Set(ids).size === ids.length, 'le même élément deux fois'),
});

/** `agenda:display`: what participants and the projection are shown of an item's results. */
export const agendaDisplaySchema = z
  .object({
    itemId: idSchema,
    /** Show (or hide) the results to participants and the projection; ignored while an `on_close` item is open. */
    showResults: z.boolean().optional(),
    /** Ask the projection for the side-by-side view by standpoint instead of the whole room. */
    byStandpoint: z.boolean().optional(),
  })
  .refine((d) => d.showResults !== undefined || d.byStandpoint !== undefined, 'rien à changer');
export type AgendaDisplayInput = z.infer<typeof agendaDisplaySchema>;
