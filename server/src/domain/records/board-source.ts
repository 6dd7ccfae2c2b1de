import type { RecordBoard } from '../../../../shared/views-records';
import type { Store } from '../../store/ports';
import type { BoardService } from '../board/board-service';
import type { ProposalService } from '../board/proposal-service';
import type { ProposalInput } from './build-entry';
import type { RecordBoardSource } from './collect-inputs';

/**
 * What the record takes from the board feature: columns and cards with their dot totals (never a
 * card's signature), and each proposal's final Markdown with its supporters counted by standpoint
 * (the threshold is applied when the entry is built), its decision date and the column of the card it
 * was born from (its theme).
 */
export function boardRecordSource(store: Store, board: BoardService, proposals: ProposalService): RecordBoardSource {
  const boardOf = async (workshopId: string): Promise<RecordBoard | null> => {
    const record = await board.record(workshopId);
    // A board is seeded with its columns the first time it is used: no column, no board.
    if (record.columns.length === 0) return null;
    return {
      columns: record.columns.map((column) => ({
        id: column.id,
        title: column.title,
        cards: column.cards.map((card) => ({ id: card.id, text: card.text, dots: card.dots })),
      })),
    };
  };

  return {
    boardForRecord: boardOf,
    async proposalsForRecord(workshopId: string): Promise<ProposalInput[]> {
      const stored = await store.proposals.list(workshopId);
      if (stored.length === 0) return [];
      const [texts, counts, currentBoard] = await Promise.all([proposals.texts(workshopId), store.proposals.supportCounts(workshopId), boardOf(workshopId)]);
      const columnOfCard = new Map<string, string>();
      for (const column of currentBoard?.columns ?? []) for (const card of column.cards) columnOfCard.set(card.id, column.title);
      const byId = new Map(stored.map((p) => [p.id, p]));
      return texts.map((text) => {
        const proposal = byId.get(text.id);
        return {
          id: text.id,
          title: text.title,
          markdown: text.markdown,
          status: text.status,
          decidedAt: proposal?.decidedAt ?? null,
          theme: proposal?.fromCardId ? (columnOfCard.get(proposal.fromCardId) ?? null) : null,
          supporters: counts.filter((row) => row.proposalId === text.id).map((row) => ({ standpoint: row.standpoint, count: row.supports })),
        };
      });
    },
  };
}
